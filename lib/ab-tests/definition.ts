import { z } from 'zod';
import type { MetricDirection, MetricKind } from '@/lib/stats';

// What an A/B test is made of, and the one schema that checks a definition from the API or the UI.

export const AB_TEST_STATUSES = ['draft', 'running', 'stopped'] as const;
export type AbTestStatus = (typeof AB_TEST_STATUSES)[number];
export const AB_METRIC_KINDS = ['continuous', 'conversion'] as const satisfies readonly MetricKind[];
export const AB_METRIC_DIRECTIONS = ['increase', 'decrease'] as const satisfies readonly MetricDirection[];

export const MAX_VARIANTS = 8;
export const MAX_METRICS = 20;
export const MAX_UNIT_ID_LENGTH = 200;
export const DEFAULT_WEIGHT = 50;

/** Variants are lettered in the order given: A is the control every other variant is compared with. */
export const variantKey = (index: number) => String.fromCharCode(65 + index);

export const metricNameSchema = z
  .string('Give the metric a name')
  .trim()
  .min(1, 'Give the metric a name')
  .max(100, 'Use at most 100 characters')
  .regex(/^[A-Za-z0-9_.:/-]+$/, 'Use letters, digits and _ . : / - only (no spaces)');

const variantSchema = z.object({
  version: z.coerce
    .number('Give a model version number')
    .int('A version is a whole number')
    .positive('A version is a positive number'),
  weight: z.coerce
    .number('A weight is a number')
    .positive('A weight must be above 0')
    .max(1_000_000, 'Use a weight up to 1,000,000')
    .default(DEFAULT_WEIGHT),
});

const metricSchema = z.object({
  name: metricNameSchema,
  kind: z.enum(AB_METRIC_KINDS, 'Choose continuous (any number, e.g. revenue) or conversion (0 or 1 per unit)'),
  direction: z.enum(AB_METRIC_DIRECTIONS, 'Choose increase or decrease: the direction that is good'),
  guardrail: z.boolean('guardrail is true or false').default(false),
});

export const abTestDefinitionSchema = z
  .object({
    name: z.string('Give the test a name').trim().min(1, 'Give the test a name').max(120, 'Use at most 120 characters'),
    description: z.string().trim().max(2000, 'Use at most 2000 characters').default(''),
    model: z
      .string('Name the registered model')
      .trim()
      .min(1, 'Name the registered model')
      .max(250, 'Use at most 250 characters'),
    variants: z
      .array(variantSchema, 'List the model versions to compare')
      .min(2, 'Choose at least two model versions')
      .max(MAX_VARIANTS, `Use at most ${MAX_VARIANTS} variants`),
    metrics: z
      .array(metricSchema, 'List the metrics')
      .min(1, 'Add a primary metric')
      .max(MAX_METRICS, `Use at most ${MAX_METRICS} metrics`),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<number>();
    def.variants.forEach((v, i) => {
      if (seen.has(v.version))
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'version'],
          message: `Version ${v.version} is listed twice`,
        });
      seen.add(v.version);
    });
    const names = new Set<string>();
    def.metrics.forEach((m, i) => {
      if (names.has(m.name))
        ctx.addIssue({ code: 'custom', path: ['metrics', i, 'name'], message: `The metric ${m.name} is listed twice` });
      names.add(m.name);
    });
    if (!def.metrics.some((m) => !m.guardrail)) {
      ctx.addIssue({
        code: 'custom',
        path: ['metrics'],
        message: 'One metric must be the primary metric (not a guardrail)',
      });
    }
  });

export type AbTestDefinition = z.output<typeof abTestDefinitionSchema>;

export type AbVariantConfig = { key: string; version: number; weight: number };
export type AbMetricConfig = { name: string; kind: MetricKind; direction: MetricDirection; guardrail: boolean };

/** The primary metric is the first metric that is not a guardrail; the others that are not guardrails are secondary. */
export function primaryMetric<M extends { guardrail: boolean }>(metrics: readonly M[]): M | undefined {
  return metrics.find((m) => !m.guardrail);
}
