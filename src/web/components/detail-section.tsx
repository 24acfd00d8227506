import type { ReactNode } from 'react';

/** A titled part of a detail page, named by its heading for screen readers. */
export function DetailSection({ headingId, title, children }: { headingId: string; title: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={headingId} className="detail-section">
      <h2 id={headingId} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
