import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A screen's title row: title, optional subtitle, actions on the right. */
export function PageHeader({ title, subtitle, extra, back }: { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode; back?: ReactNode }) {
  return (
    <div className="page-header">
      <div className="page-header-main">
        {back}
        <div>
          <Typography.Title level={1} className="page-title">
            {title}
          </Typography.Title>
          {subtitle && <Typography.Text type="secondary">{subtitle}</Typography.Text>}
        </div>
      </div>
      {extra && <div className="page-header-extra">{extra}</div>}
    </div>
  );
}
