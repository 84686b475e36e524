// The /courses filters: which course matches which audience, and reading the filters from a URL.
import type { Audience, RunMode } from './enrollment.ts';
import { runModes } from './enrollment.ts';

export const audienceGroups = ['students', 'teachers', 'public'] as const;
export type AudienceGroup = (typeof audienceGroups)[number];
export const courseKinds = ['new-skill', 'up-skill', 're-skill'] as const;

export function audienceGroupsOf(audience: readonly Audience[]): AudienceGroup[] {
  const groups: AudienceGroup[] = [];
  if (audience.some((a) => a === 'vc' || a === 'hvc' || a === 'btech' || a === 'short-course')) groups.push('students');
  if (audience.includes('teacher-development')) groups.push('teachers');
  if (audience.includes('public')) groups.push('public');
  return groups;
}

export interface CourseFilters {
  field?: string;
  audience?: AudienceGroup;
  kind?: (typeof courseKinds)[number];
  mode?: RunMode;
}

const oneOf = <T extends string>(allowed: readonly T[], value: string | null): T | undefined =>
  allowed.includes(value as T) ? (value as T) : undefined;

/** Filters from a query string; unknown values are ignored rather than refused, like the library's lists. */
export function courseFilters(params: URLSearchParams, fieldSlugs: ReadonlySet<string>): CourseFilters {
  const field = params.get('field');
  return {
    field: field && fieldSlugs.has(field) ? field : undefined,
    audience: oneOf(audienceGroups, params.get('audience')),
    kind: oneOf(courseKinds, params.get('kind')),
    mode: oneOf(runModes, params.get('mode')),
  };
}
