// Indicators (manual §7.1): where an indicator's actual value comes from, the forms that define one and enter
// values, and how an actual stands against its target. Pure.
import { z } from 'astro/zod';
import { maxFiscalYear, minFiscalYear } from '../network/terms.ts';

/**
 * `manual`: entered by the field's staff each year. The others are computed from the platform's data for the field
 * and fiscal year: teachers who completed a teacher-training course, trainees certified (valid certificates),
 * MOUs/MOAs/dual-training agreements starting in the year, enrollments, completions, teacher-training courses run,
 * and short-course runs that reached their minimum of trainees.
 */
export const indicatorSources = ['manual', 'teachers-trained', 'trainees-certified', 'mous-signed', 'enrollments', 'completions', 'teacher-training-courses', 'runs-meeting-minimum'] as const;
export type IndicatorSource = (typeof indicatorSources)[number];

export type IndicatorStatus = 'met' | 'not-met' | 'no-target' | 'no-value';

/** Met when the actual reaches the target; without a target or (for a hand-kept indicator) a value there is no status. */
export function indicatorStatus(target: number | null, actual: number | null): IndicatorStatus {
  if (target === null) return 'no-target';
  if (actual === null) return 'no-value';
  return actual >= target ? 'met' : 'not-met';
}

const fiscalYear = z.coerce.number('reports.indicator.year').int('reports.indicator.year').min(minFiscalYear, 'reports.indicator.year').max(maxFiscalYear, 'reports.indicator.year');
const amount = z.coerce.number('reports.indicator.number').min(0, 'reports.indicator.number').max(1e9, 'reports.indicator.number');

export const indicatorSchema = z.object({
  nameTh: z.string().trim().min(1, 'reports.indicator.name').max(200, 'reports.indicator.name'),
  nameEn: z.string().trim().min(1, 'reports.indicator.name').max(200, 'reports.indicator.name'),
  unit: z.string().trim().min(1, 'reports.indicator.unit').max(50, 'reports.indicator.unit'),
  source: z.enum(indicatorSources, 'reports.indicator.source'),
});

export const targetSchema = z.object({
  indicatorId: z.coerce.number('reports.indicator.unknown').int('reports.indicator.unknown').positive('reports.indicator.unknown'),
  field: z.string().trim().min(1, 'reports.indicator.field').max(100, 'reports.indicator.field'),
  year: fiscalYear,
  target: amount,
});

export const valueSchema = z.object({
  indicatorId: z.coerce.number('reports.indicator.unknown').int('reports.indicator.unknown').positive('reports.indicator.unknown'),
  year: fiscalYear,
  value: amount,
  note: z.string().trim().max(2000, 'reports.indicator.note').default(''),
});

export const summarySchema = z.object({
  year: fiscalYear,
  recommendations: z.string().trim().max(20_000, 'reports.summary.tooLong'),
});
