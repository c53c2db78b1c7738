import { describe, expect, it } from 'vitest';
import { TOKEN_PLACEHOLDER, clientSetupLines } from './client-setup';

describe('clientSetupLines', () => {
  it('points MLflow clients at this server, with a placeholder until a token exists', () => {
    expect(clientSetupLines('http://127.0.0.1:3000')).toBe(
      `export MLFLOW_TRACKING_URI=http://127.0.0.1:3000\nexport MLFLOW_TRACKING_TOKEN=${TOKEN_PLACEHOLDER}`,
    );
  });

  it('fills in a token just created', () => {
    expect(clientSetupLines('https://runboard.example.com', 'rb_abc123').split('\n')).toEqual([
      'export MLFLOW_TRACKING_URI=https://runboard.example.com',
      'export MLFLOW_TRACKING_TOKEN=rb_abc123',
    ]);
  });
});
