// The topic declarations of infra/topics.json, parsed and checked once.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const topicSchema = z.object({
  name: z.string().regex(/^[a-z0-9.-]+$/),
  partitions: z.number().int().positive(),
  cleanupPolicy: z.enum(['delete', 'compact', 'compact,delete']),
  retentionMs: z.number().int().min(-1),
  doc: z.string().min(1),
});
const fileSchema = z.object({
  defaults: z.object({ replicationFactor: z.number().int().positive(), config: z.record(z.string(), z.string()) }),
  topics: z.array(topicSchema).min(1),
});

export type TopicDeclaration = z.infer<typeof topicSchema>;
export type TopicsFile = z.infer<typeof fileSchema>;

/** Reads and validates infra/topics.json; throws naming the bad entry. */
export function loadTopics(path = new URL('../topics.json', import.meta.url)): TopicsFile {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`infra/topics.json is invalid: ${parsed.error.message}`);
  const names = parsed.data.topics.map((t) => t.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`infra/topics.json declares ${dup} twice`);
  return parsed.data;
}

/** The broker-side config entries of one declared topic. */
export function topicConfig(file: TopicsFile, t: TopicDeclaration): Record<string, string> {
  return { ...file.defaults.config, 'cleanup.policy': t.cleanupPolicy, 'retention.ms': String(t.retentionMs) };
}
