import type { ReactNode } from 'react';

/** A titled panel of the statistics pages; `wide` spans both columns. */
export function StatsPanel({ id, title, wide = false, children }: { id: string; title: ReactNode; wide?: boolean; children: ReactNode }) {
  return (
    <section className={wide ? 'stats-panel stats-wide' : 'stats-panel'} aria-labelledby={id}>
      <h2 id={id} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
