import type { ThemeConfig } from 'antd';

/** The studio's calm look: antd's defaults with a muted green primary (contrast ≥ 4.5:1 on white). */
export const studioTheme: ThemeConfig = {
  // Component CSS comes prebuilt (antd/dist/antd.css); only the token variables are set at runtime.
  zeroRuntime: true,
  token: {
    colorPrimary: '#17785a',
    colorLink: '#17785a',
    colorInfo: '#1f6feb',
    colorError: '#c0392b',
    colorWarning: '#b26a00',
    colorSuccess: '#2e7d32',
    borderRadius: 8,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Segoe UI", Roboto, "Shequn Emoji", sans-serif',
    colorBgLayout: '#f4f6f5',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.58)',
    // 0.56 on white is #707070 (4.9:1): select placeholders are read as text (issue 17 point 8).
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    // A button busy with its call keeps its colours (antd fades it to 0.65, below AA for its text); its spinner says it is busy.
    opacityLoading: 1,
  },
  components: {
    Layout: { siderBg: '#ffffff', headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { itemSelectedBg: '#e6f2ed', itemSelectedColor: '#0f5c44' },
    // Selected rows (bulk selection) keep links and secondary text at AA contrast, hovered too.
    Table: { rowSelectedBg: '#f1f8f4', rowSelectedHoverBg: '#e8f2ed' },
  },
};
