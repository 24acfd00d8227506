/**
 * The questionnaire's skip logic as the form applies it while the respondent answers: the same
 * walk the server checks a response with (questionnaire-validation.ts visitedPositions), so the
 * form never sends an answer the server would call skipped, nor hides a question it requires.
 */
import type { Answer, Question } from '../../../../shared/campaigns';

/** A blank text or an empty selection counts as no answer. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/**
 * The positions the respondent passes through: from the first question on, a single-choice answer
 * matching one of the question's skip rules jumps to the rule's position; every other question
 * leads to the next.
 */
export function visiblePositions(questions: readonly Question[], answers: Readonly<Record<string, unknown>>): Set<number> {
  const byPosition = new Map(questions.map((q) => [q.position, q]));
  const last = Math.max(0, ...questions.map((q) => q.position));
  const visited = new Set<number>();
  for (let p = 1; p <= last; ) {
    const q = byPosition.get(p);
    if (!q) {
      p++;
      continue;
    }
    visited.add(p);
    const answer = answers[String(q.id)];
    const rule = q.kind === 'single' && typeof answer === 'string' ? q.skip?.find((r) => r.whenValue === answer) : undefined;
    p = rule && rule.toPosition > p ? rule.toPosition : p + 1;
  }
  return visited;
}

/** What to send: the answers to the questions on the path, blanks left out, text trimmed. */
export function answersToSend(questions: readonly Question[], answers: Readonly<Record<string, unknown>>): Record<string, Answer> {
  const visible = visiblePositions(questions, answers);
  const out: Record<string, Answer> = {};
  for (const q of questions) {
    const value = answers[String(q.id)];
    if (!visible.has(q.position) || isBlank(value)) continue;
    if (typeof value === 'string') out[String(q.id)] = q.kind === 'short' || q.kind === 'long' ? value.trim() : value;
    else if (typeof value === 'number' || Array.isArray(value)) out[String(q.id)] = value as Answer;
  }
  return out;
}

/** The positions a rule of question `position` may jump to: later questions, and one past the last (the end). */
export function jumpTargets(position: number, count: number): number[] {
  const targets: number[] = [];
  for (let p = position + 2; p <= count + 1; p++) targets.push(p);
  return targets;
}
