import { Card } from 'antd';
import type { ReactNode } from 'react';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-page">
      <Card>
        <h1 className="page-title">{title}</h1>
        {children}
      </Card>
    </div>
  );
}

