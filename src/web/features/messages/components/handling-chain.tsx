import { Card, Tag } from 'antd';
import { DetailSection } from '../../../components/detail-section';
import { useT } from '../../../lib/i18n';
import type { TimelineEntry } from '../api/get-message';
import './handling-chain.css';

interface Step {
  name: string;
  co: string[];
  signed: boolean;
  /** 机构改革: the unit this step's work came from when its unit was merged into `name`. */
  mergedFrom?: string;
}

function nameIn(value: unknown): string | null {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string' ? (value as { name: string }).name : null;
}

function unitsOf(e: TimelineEntry): { lead: string | null; co: string[] } {
  const units = Array.isArray(e.data.units) ? (e.data.units as { name?: unknown; role?: unknown }[]) : [];
  const named = units.filter((u): u is { name: string; role?: unknown } => typeof u.name === 'string');
  return { lead: named.find((u) => u.role !== 'co')?.name ?? null, co: named.filter((u) => u.role === 'co').map((u) => u.name) };
}

/**
 * Who handles the message now, from the public timeline alone: the unit that
 * assigned it, then each lead unit down the chain of the latest round (交办 →
 * 转交), with its co-handlers and whether it signed.
 */
export function chainOf(entries: TimelineEntry[]): { assigner: string | null; steps: Step[] } | null {
  let start = -1;
  entries.forEach((e, i) => {
    if (e.kind === 'assigned' || e.kind === 'reopened') start = i;
  });
  if (start < 0) return null;
  const round = entries.slice(start);
  const signedBy = new Set(round.filter((e) => e.kind === 'signed' && e.unit).map((e) => e.unit!.name));
  const steps: Step[] = [];
  for (const e of round) {
    // A lead unit that returned the work leaves the chain, and so does everything it had passed on.
    if (e.kind === 'returned' && e.unit && e.data.role !== 'co') {
      const at = steps.findIndex((s) => s.name === e.unit!.name);
      if (at >= 0) steps.splice(at);
      continue;
    }
    // A merged unit's open work carries on with the unit it was merged into (units.merge.service.ts).
    if (e.kind === 'unit_merged') {
      const from = nameIn(e.data.from);
      const into = nameIn(e.data.into);
      if (!from || !into) continue;
      for (const s of steps) {
        if (s.name === from) Object.assign(s, { name: into, mergedFrom: from });
        s.co = s.co.map((c) => (c === from ? into : c));
      }
      continue;
    }
    if (e !== round[0] && e.kind !== 'passed_down') continue;
    const { lead, co } = unitsOf(e);
    if (lead) steps.push({ name: lead, co, signed: signedBy.has(lead) });
  }
  return steps.length > 0 ? { assigner: round[0]!.unit?.name ?? null, steps } : null;
}

/** 办理单位: the chain as an ordered list (arrows drawn by CSS), readable on a phone. */
export function HandlingChain({ entries }: { entries: TimelineEntry[] }) {
  const t = useT();
  const chain = chainOf(entries);
  if (!chain) return null;
  return (
    <DetailSection headingId="chain-heading" title={t('chain.title')}>
      <Card className="detail-card">
        <ol className="handling-chain" data-testid="handling-chain">
          {chain.assigner && (
            <li className="chain-step chain-assigner">
              <span className="chain-role">{t('chain.assigner')}</span>
              <span className="chain-unit">{chain.assigner}</span>
            </li>
          )}
          {chain.steps.map((s, i) => (
            <li key={`${s.name}-${i}`} className="chain-step" data-testid="chain-step">
              <span className="chain-role">{t(i === chain.steps.length - 1 ? 'chain.handler' : 'chain.via')}</span>
              <span className="chain-unit">
                {s.name}
                {s.signed && <Tag className="status-tag status-tag-done chain-signed">{t('chain.signed')}</Tag>}
              </span>
              {s.mergedFrom && <span className="chain-co muted">{t('chain.mergedFrom', { name: s.mergedFrom })}</span>}
              {s.co.length > 0 && <span className="chain-co muted">{t('chain.co', { units: s.co.join(t('common.listSeparator')) })}</span>}
            </li>
          ))}
        </ol>
      </Card>
    </DetailSection>
  );
}
