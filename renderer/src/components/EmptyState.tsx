import { Empty, Typography } from 'antd';
import type { ReactNode } from 'react';

/** An empty state that teaches: what this place is for and the first thing to do. */
export function EmptyState({ title, hint, action }: { title: ReactNode; hint?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={
          <div>
            <Typography.Text strong>{title}</Typography.Text>
            {hint && <Typography.Paragraph type="secondary" className="empty-hint">{hint}</Typography.Paragraph>}
          </div>
        }
      >
        {action}
      </Empty>
    </div>
  );
}
