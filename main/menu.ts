import type { BrowserWindow, Menu as MenuType, MenuItemConstructorOptions } from 'electron';

/** Native menus with the usual roles and shortcuts (undo/redo/copy/paste, zoom, reload in dev). */
export function buildMenuTemplate(opts: { isMac: boolean; onImportStores: () => void; onExportFolder: () => void; onShowPacks: () => void }): MenuItemConstructorOptions[] {
  const file: MenuItemConstructorOptions = {
    label: '文件',
    submenu: [
      { label: '导入门店…', accelerator: 'CmdOrCtrl+I', click: opts.onImportStores },
      { label: '导出到文件夹…', accelerator: 'CmdOrCtrl+E', click: opts.onExportFolder },
      { label: '在文件夹中显示内容包', click: opts.onShowPacks },
      { type: 'separator' },
      opts.isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
    ],
  };
  return [
    ...(opts.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    file,
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [{ role: 'resetZoom', label: '实际大小' }, { role: 'zoomIn', label: '放大' }, { role: 'zoomOut', label: '缩小' }, { type: 'separator' }, { role: 'togglefullscreen', label: '全屏' }],
    },
    { role: 'windowMenu', label: '窗口' },
  ];
}

/** Installs the application menu. */
export function setupMenu(Menu: typeof MenuType, win: () => BrowserWindow | undefined, actions: { importStores: () => void; exportFolder: () => void; showPacks: () => void }): void {
  const template = buildMenuTemplate({ isMac: process.platform === 'darwin', onImportStores: actions.importStores, onExportFolder: actions.exportFolder, onShowPacks: actions.showPacks });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  void win;
}
