/** Departments, topics and priorities by the names support.yaml gives them, in the console's language where it has them. */
import { contentLanguageFor, type UiLanguage } from '../../../../core/contract/locales.ts';
import type { SupportConfig } from '../../../../core/contract/support-config.ts';

export function supportNames(support: SupportConfig, lang: UiLanguage) {
  const content = contentLanguageFor(lang, support.defaultLanguage);
  const departments = new Map(support.departments.map((d) => [d.key as string, d.name[content]]));
  const topics = new Map(support.departments.flatMap((d) => d.topics.map((topic) => [topic.key, topic.name[content]] as const)));
  const priorities = new Map(support.priorities.map((p) => [p.key as string, p.name[content]]));
  return {
    department: (key: string) => departments.get(key) ?? key,
    topic: (key: string | undefined) => (key ? (topics.get(key) ?? key) : null),
    priority: (key: string) => priorities.get(key) ?? key,
    departments: [...departments],
    topics: [...topics],
    priorities: [...priorities],
  };
}
