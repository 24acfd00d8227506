/**
 * Results of a questionnaire from the cells of questionnaires.queries.ts (a
 * stored tally and the responses since, merged): per question the count of
 * every option (or scale value) in order, the mean of a scale, the newest text
 * answers masked, and with crossBy=region the same counts per province. Pure,
 * so the figures can be checked by hand in a test.
 */
import type { QuestionnaireResults, QuestionResult, RegionCounts } from '../../../shared/campaigns.js';
import { maskPersonalData } from '../../../shared/mask.js';
import type { TallyCell } from '../../db/schema.js';
import type { Cell, TextAnswerRow } from './questionnaires.queries.js';
import type { QuestionRow } from './questionnaires.repository.js';

export interface ResultsInput {
  questionnaire: { id: string; title: string };
  questions: QuestionRow[];
  /** Merged: one cell per (question, value, province). */
  cells: Cell[];
  texts: TextAnswerRow[];
  provinceNames: ReadonlyMap<string, string>;
  crossBy: 'region' | null;
  generatedAt: Date;
}

/** The values a question's counts are aligned with: option values, or the scale from min to max. */
export function valuesOf(q: QuestionRow): string[] {
  if (q.kind === 'single' || q.kind === 'multiple') return (q.options ?? []).map((o) => o.value);
  if (q.kind === 'scale') return Array.from({ length: q.scaleMax! - q.scaleMin! + 1 }, (_, i) => String(q.scaleMin! + i));
  return [];
}

const key = (province: string | null) => province ?? '';

/** Adds up cells of the same question, value and province (a tally and the responses since). */
export function mergeCells(...lists: Cell[][]): Cell[] {
  const sums = new Map<string, Cell>();
  for (const list of lists) {
    for (const c of list) {
      const k = JSON.stringify([c.question_id, c.value, c.province_code]);
      const seen = sums.get(k);
      if (seen) seen.n += c.n;
      else sums.set(k, { ...c });
    }
  }
  return [...sums.values()];
}

export const toStored = (cells: Cell[]): TallyCell[] => cells.map((c) => [c.question_id, c.value, c.province_code, c.n]);
export const fromStored = (cells: TallyCell[]): Cell[] => cells.map(([question_id, value, province_code, n]) => ({ question_id, value, province_code, n }));

export function composeResults(input: ResultsInput): QuestionnaireResults {
  const { provinceNames } = input;
  const responses = input.cells.filter((c) => c.question_id === null);
  const region = (code: string | null) => (code === null ? null : { code, name: provinceNames.get(code) ?? code });
  // Provinces by responses, most first; responses naming no region last.
  const provinces = [...responses].sort((a, b) => Number(a.province_code === null) - Number(b.province_code === null) || b.n - a.n || (a.province_code ?? '').localeCompare(b.province_code ?? ''));
  const total = provinces.reduce((sum, p) => sum + p.n, 0);

  const answered = new Map<string, Map<string, number>>();
  for (const row of input.cells) {
    if (row.question_id === null || row.value !== null) continue;
    const byProvince = answered.get(row.question_id) ?? new Map<string, number>();
    byProvince.set(key(row.province_code), (byProvince.get(key(row.province_code)) ?? 0) + row.n);
    answered.set(row.question_id, byProvince);
  }
  const counted = new Map<string, Map<string, Map<string, number>>>();
  for (const row of input.cells) {
    if (row.question_id === null || row.value === null) continue;
    const byValue = counted.get(row.question_id) ?? new Map<string, Map<string, number>>();
    const byProvince = byValue.get(row.value) ?? new Map<string, number>();
    byProvince.set(key(row.province_code), (byProvince.get(key(row.province_code)) ?? 0) + row.n);
    byValue.set(row.value, byProvince);
    counted.set(row.question_id, byValue);
  }
  const sum = (m: Map<string, number> | undefined) => [...(m?.values() ?? [])].reduce((s, n) => s + n, 0);
  const count = (questionId: string, value: string, province?: string | null) => {
    const byProvince = counted.get(questionId)?.get(value);
    return province === undefined ? sum(byProvince) : (byProvince?.get(key(province)) ?? 0);
  };

  const questions = input.questions.map((q): QuestionResult => {
    const result: QuestionResult = { questionId: Number(q.id), position: q.position, kind: q.kind, text: q.text, required: q.required, answered: sum(answered.get(q.id)) };
    const values = valuesOf(q);
    if (q.kind === 'single' || q.kind === 'multiple') {
      result.options = (q.options ?? []).map((o) => ({ value: o.value, label: o.label, count: count(q.id, o.value) }));
    } else if (q.kind === 'scale') {
      const counts = values.map((v) => ({ value: Number(v), count: count(q.id, v) }));
      const n = counts.reduce((s, c) => s + c.count, 0);
      const mean = n === 0 ? null : Math.round((counts.reduce((s, c) => s + c.value * c.count, 0) / n) * 100) / 100;
      result.scale = { min: q.scaleMin!, max: q.scaleMax!, mean, counts };
    } else {
      result.texts = input.texts.filter((t) => t.question_id === q.id).map((t) => ({ text: maskPersonalData(t.text), submittedAt: new Date(t.submitted_at).toISOString() }));
    }
    if (input.crossBy === 'region' && values.length > 0) {
      result.byRegion = provinces.map(
        (p): RegionCounts => ({ region: region(p.province_code), answered: answered.get(q.id)?.get(key(p.province_code)) ?? 0, counts: values.map((v) => count(q.id, v, p.province_code)) }),
      );
    }
    return result;
  });

  return {
    questionnaireId: Number(input.questionnaire.id),
    title: input.questionnaire.title,
    totalResponses: total,
    crossBy: input.crossBy,
    ...(input.crossBy === 'region' ? { regions: provinces.map((p) => ({ region: region(p.province_code), responses: p.n })) } : {}),
    questions,
    generatedAt: input.generatedAt.toISOString(),
  };
}
