/**
 * The questionnaire builder's working copy. Questions carry a stable key while they are moved
 * around, and skip rules point at keys, so "if 否 go to question 4" follows question 4 when it is
 * moved; positions are worked out only when the questionnaire is saved.
 */
import { OPTION_VALUE_MAX, QUESTION_OPTIONS_MIN, type Question, type QuestionInput, type QuestionKind } from '../../../../shared/campaigns';

/** Where a skip rule goes: another question (its key) or the end of the questionnaire. */
export const END = 'end';

export interface DraftOption {
  value: string;
  label: string;
  /** Saved before the first response: its value and label are fixed. */
  fixed: boolean;
}

export interface DraftRule {
  whenValue: string;
  to: string;
}

export interface DraftQuestion {
  key: string;
  kind: QuestionKind;
  text: string;
  required: boolean;
  options: DraftOption[];
  scaleMin: number;
  scaleMax: number;
  skip: DraftRule[];
  /** Answered already: only options may be appended. */
  fixed: boolean;
}

let counter = 0;
const newKey = () => `new-${++counter}`;

export const isChoice = (kind: QuestionKind) => kind === 'single' || kind === 'multiple';

/** A new question of a kind: two empty options for a choice, 1–5 for a scale. */
export function newQuestion(kind: QuestionKind): DraftQuestion {
  return {
    key: newKey(),
    kind,
    text: '',
    required: false,
    options: isChoice(kind) ? [newOption([]), newOption([{ value: 'o1' }])] : [],
    scaleMin: 1,
    scaleMax: 5,
    skip: [],
    fixed: false,
  };
}

/** An option with the next free value (o1, o2, …): values are what answers store, so they never change once saved. */
export function newOption(existing: readonly { value: string }[]): DraftOption {
  let n = existing.length + 1;
  const taken = new Set(existing.map((o) => o.value));
  while (taken.has(`o${n}`)) n++;
  return { value: `o${n}`.slice(0, OPTION_VALUE_MAX), label: '', fixed: false };
}

/** The working copy of saved questions; `answered`: responses exist, so what is saved is fixed. */
export function fromQuestions(questions: readonly Question[], answered: boolean): DraftQuestion[] {
  const sorted = [...questions].sort((a, b) => a.position - b.position);
  const keyAt = (position: number) => {
    const target = sorted.find((q) => q.position === position);
    return target ? `q${target.id}` : END;
  };
  return sorted.map((q) => ({
    key: `q${q.id}`,
    kind: q.kind,
    text: q.text,
    required: q.required,
    options: (q.options ?? []).map((o) => ({ ...o, fixed: answered })),
    scaleMin: q.scaleMin ?? 1,
    scaleMax: q.scaleMax ?? 5,
    skip: (q.skip ?? []).map((r) => ({ whenValue: r.whenValue, to: keyAt(r.toPosition) })),
    fixed: answered,
  }));
}

/** What the server is sent: positions from the order, skip rules to positions (the end: one past the last). */
export function toInput(drafts: readonly DraftQuestion[]): QuestionInput[] {
  const positionOf = new Map(drafts.map((d, i) => [d.key, i + 1]));
  return drafts.map((d) => {
    const q: QuestionInput = { kind: d.kind, text: d.text.trim(), required: d.required };
    if (isChoice(d.kind)) q.options = d.options.map((o) => ({ value: o.value, label: o.label.trim() }));
    if (d.kind === 'scale') {
      q.scaleMin = d.scaleMin;
      q.scaleMax = d.scaleMax;
    }
    if (d.kind === 'single' && d.skip.length > 0) {
      q.skip = d.skip.map((r) => ({ whenValue: r.whenValue, toPosition: r.to === END ? drafts.length + 1 : (positionOf.get(r.to) ?? 0) }));
    }
    return q;
  });
}

/** Problems the builder can see before asking the server, keyed like the server's fields (`questions.2.options`). */
export function draftErrors(drafts: readonly DraftQuestion[]): Map<string, 'text' | 'options' | 'optionLabel' | 'scale' | 'skipTarget' | 'skipOption' | 'none'> {
  const errors = new Map<string, 'text' | 'options' | 'optionLabel' | 'scale' | 'skipTarget' | 'skipOption' | 'none'>();
  if (drafts.length === 0) errors.set('questions', 'none');
  drafts.forEach((d, i) => {
    const at = `questions.${i}`;
    if (d.text.trim() === '') errors.set(`${at}.text`, 'text');
    if (isChoice(d.kind)) {
      if (d.options.length < QUESTION_OPTIONS_MIN) errors.set(`${at}.options`, 'options');
      else if (d.options.some((o) => o.label.trim() === '')) errors.set(`${at}.options`, 'optionLabel');
    }
    if (d.kind === 'scale' && !(d.scaleMin < d.scaleMax)) errors.set(`${at}.scaleMax`, 'scale');
    if (d.kind === 'single') {
      const later = new Set(drafts.slice(i + 1).map((x) => x.key));
      if (d.skip.some((r) => r.to !== END && !later.has(r.to))) errors.set(`${at}.skip`, 'skipTarget');
      else if (d.skip.some((r) => !d.options.some((o) => o.value === r.whenValue))) errors.set(`${at}.skip`, 'skipOption');
    }
  });
  return errors;
}
