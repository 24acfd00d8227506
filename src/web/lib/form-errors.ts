import type { FormInstance } from 'antd';
import { isApiError } from './api-client';

/** '/mobile', 'body.mobile' and 'mobile' all name the form field 'mobile'. */
export function formFieldName(field: string): string {
  return field.replace(/^\//, '').replace(/^body[./]/, '').replace(/\//g, '.');
}

/**
 * Puts the server's problem+json field errors (`field`, `errors[].field`) on
 * the matching form fields. Returns true when at least one error found its field,
 * so the caller shows a general alert only for what is left.
 */
export function applyServerErrors(form: FormInstance, error: unknown, fields: readonly string[]): boolean {
  if (!isApiError(error)) return false;
  const byField = new Map<string, string[]>();
  const add = (field: string | undefined, message: string | undefined) => {
    if (!field || !message) return;
    const name = formFieldName(field);
    if (!fields.includes(name)) return;
    byField.set(name, [...(byField.get(name) ?? []), message]);
  };
  for (const item of error.errors) add(item.field, item.message);
  if (byField.size === 0) add(error.field, error.detail ?? error.title);
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
}
