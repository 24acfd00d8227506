/** Masks a mainland mobile number as 138****5678; anything else is fully hidden but its length. */
export function maskMobile(mobile: string | null): string | null {
  if (mobile === null) return null;
  if (/^1\d{10}$/.test(mobile)) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  return '*'.repeat(mobile.length);
}
