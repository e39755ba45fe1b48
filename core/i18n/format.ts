/** Message formatting shared by the widget, the site and the server: placeholders and field errors. */
import type { FieldErrorMessages } from './field-errors.en.ts';

/** Fills `{name}` placeholders; unknown ones stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : String(value);
  });
}

/** The message of an error key ("subject.generic"), with a generic fallback for keys the server invents. */
export function errorMessage(messages: FieldErrorMessages, key: string, params?: Record<string, string | number>): string {
  const template = (messages as Record<string, string>)[key] ?? messages['server.invalid'];
  return format(template, params);
}

/** A count's wording in each plural form a language may need; `zero`, when given, is used for 0 ("no articles"). */
export interface PluralForms {
  zero?: string;
  one: string;
  other: string;
}

/** The form `count` takes in `lang` by Intl.PluralRules ("1 artigo", "2 artigos"), with `{count}` and `values` filled. */
export function plural(lang: string, forms: PluralForms, count: number, values: Record<string, string | number | undefined> = {}): string {
  const form = count === 0 && forms.zero !== undefined ? forms.zero : new Intl.PluralRules(lang).select(count) === 'one' ? forms.one : forms.other;
  return format(form, { count, ...values });
}
