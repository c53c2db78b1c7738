import { CodeBlock } from '@/components/ui/code-block';

/** How a serving path talks to the test: assign before predicting, send outcomes in batches. */
export function ApiHelp({ testId, metric }: { testId: string; metric: string }) {
  const base = `$RUNBOARD_URL/api/v1/ab-tests/${testId}`;
  const lines = [
    `# which version serves this unit (sticky; records the exposure once)`,
    `curl -X POST ${base}/assign -H "Authorization: Bearer $TOKEN" \\`,
    `  -d '{"unit_id": "user-42"}'          # → {"variant":"B","version":3}`,
    ``,
    `# outcomes, up to 10,000 per batch, all or nothing`,
    `curl -X POST ${base}/events -H "Authorization: Bearer $TOKEN" \\`,
    `  -d '[{"unit_id": "user-42", "metric": "${metric}", "value": 1}]'`,
    ``,
    `curl ${base}/results -H "Authorization: Bearer $TOKEN"`,
  ];
  return <CodeBlock code={lines.join('\n')} label="Example requests" />;
}
