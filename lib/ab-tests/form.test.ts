import { describe, expect, it } from 'vitest';
import { formFieldFor, parseAbTestForm } from './form';

const base = {
  project: 'demo',
  name: 'ranker v3 vs v2',
  description: '',
  model: 'ranker',
  variants: ['2', '3'],
  control: '3',
  'weight.2': '50',
  'weight.3': '50',
  primaryName: 'converted',
  primaryKind: 'conversion',
  primaryDirection: 'increase',
  start: 'on',
};

describe('parseAbTestForm', () => {
  it('puts the control first, reads weights per version and skips empty guardrail rows', () => {
    const form = parseAbTestForm({
      ...base,
      'weight.2': '30',
      'guardrails.0.name': 'latency_ms',
      'guardrails.0.kind': 'continuous',
      'guardrails.0.direction': 'decrease',
      'guardrails.3.name': '  ',
      'guardrails.3.kind': 'continuous',
    });
    expect(form).toMatchObject({
      ok: true,
      start: true,
      def: {
        name: 'ranker v3 vs v2',
        model: 'ranker',
        variants: [
          { version: 3, weight: 50 },
          { version: 2, weight: 30 },
        ],
        metrics: [
          { name: 'converted', kind: 'conversion', direction: 'increase', guardrail: false },
          { name: 'latency_ms', kind: 'continuous', direction: 'decrease', guardrail: true },
        ],
      },
    });
  });

  it('defaults an empty weight to 50 and a missing start box to a draft', () => {
    const form = parseAbTestForm({ ...base, 'weight.3': '', start: undefined });
    expect(form.ok && form.def.variants.map((v) => v.weight)).toEqual([50, 50]);
    expect(form.ok && form.start).toBe(false);
  });

  it('puts each error under the input it is about', () => {
    const form = parseAbTestForm({
      ...base,
      variants: '2',
      'weight.2': '-1',
      primaryName: 'has space',
      'guardrails.4.name': 'p95',
      'guardrails.4.kind': 'ratio',
    });
    expect(form.ok).toBe(false);
    if (form.ok) return;
    expect(form.fieldErrors).toEqual({
      variants: ['Choose at least two model versions'],
      'weight.2': ['A weight must be above 0'],
      primaryName: ['Use letters, digits and _ . : / - only (no spaces)'],
      'guardrails.4.kind': ['Choose continuous (any number, e.g. revenue) or conversion (0 or 1 per unit)'],
      'guardrails.4.direction': ['Choose increase or decrease: the direction that is good'],
    });
  });

  it('maps the query layer’s field names back to the form', () => {
    expect(formFieldFor('variants.1.version', ['3', '2'], [])).toBe('variants');
    expect(formFieldFor('variants.1.weight', ['3', '2'], [])).toBe('weight.2');
    expect(formFieldFor('metrics.2.name', ['3', '2'], [0, 5])).toBe('guardrails.5.name');
    expect(formFieldFor('metrics', [], [])).toBe('primaryName');
    expect(formFieldFor('model', [], [])).toBe('model');
  });
});
