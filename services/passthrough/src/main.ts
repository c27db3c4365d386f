// Passthrough stage entry: config from the environment, the identity transform, the runtime.
import { z } from 'zod';
import { createStage, loadStageConfig, runStage } from '@cwp/stream-runtime';
import { createPassthrough } from './transform.js';

const config = loadStageConfig({
  INPUT_TOPIC: z.string().min(1).default('events.raw.v1').describe('topic read'),
  INPUT_SUBJECT: z.string().min(1).optional().describe('subject the output is encoded with (default: <INPUT_TOPIC>-value)'),
  OUTPUT_TOPIC: z.string().min(1).default('events.passthrough.v1').describe('topic written'),
  GROUP_ID: z.string().min(1).default('cwp-passthrough').describe('consumer group id, also the transactional id prefix'),
});
const subject = config.INPUT_SUBJECT ?? `${config.INPUT_TOPIC}-value`;

const stage = createStage({
  name: 'passthrough',
  groupId: config.GROUP_ID,
  input: { topic: config.INPUT_TOPIC, subject },
  outputs: [{ topic: config.OUTPUT_TOPIC, subject }],
  transform: createPassthrough(config.OUTPUT_TOPIC, subject),
  config,
});
await runStage(stage, { shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS });
