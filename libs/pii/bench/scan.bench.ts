// Throughput of scanText over a few thousand synthetic case notes, printed as records/s and as a
// ratio to a baseline measured in the same run (one precompiled regex pass over the same notes,
// the cheapest thing a per-record scanner could do). Run: npm run bench -w @cwp/pii
import { performance } from 'node:perf_hooks';
import { scanText } from '../src/index.js';

const NOTES = 4000;
const ROUNDS = 5;

// mulberry32: a seeded PRNG so every run scans the same notes.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(20240601);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const digits = (n: number): string => Array.from({ length: n }, () => Math.floor(rand() * 10)).join('');

const GIVEN = ['Siti', 'Rizky', 'Budi', 'Dewi', 'Ahmad', 'Nur', 'Wayan', 'Yohanes', 'Andi', 'Putri'];
const FAMILY = ['Rahmawati', 'Pratama', 'Siregar', 'Santoso', 'Nasution', 'Wijaya', 'Hidayat', 'Lubis'];
const FILLER = [
  'Petugas melakukan kunjungan rumah dan mewawancarai pengasuh tentang kebiasaan makan anak.',
  'Anak tampak pendiam, kontak mata kurang, namun mau menjawab pertanyaan sederhana.',
  'Kondisi rumah cukup bersih, ventilasi kurang, dihuni enam orang dalam dua kamar.',
  'Disepakati rencana tindak lanjut berupa rujukan ke puskesmas dan pendampingan sekolah.',
  'Tetangga menyampaikan bahwa anak sering terlihat bermain sendiri hingga malam.',
];
const PII = [
  () => `Ibu ${pick(GIVEN)} ${pick(FAMILY)} hadir.`,
  () => `NIK ${'3201'} ${digits(2)}${'45'} 1209 ${'00'}${1 + Math.floor(rand() * 9)}${digits(1)}.`,
  () => `hp 08${1 + Math.floor(rand() * 8)}${digits(1)}-${digits(4)}-${digits(4)}.`,
  () => `email ${pick(GIVEN).toLowerCase()}${digits(2)}@gmail.com.`,
  () => `Alamat Jl. ${pick(FAMILY)} No. ${digits(2)} RT 00${digits(1)}/RW 00${digits(1)}.`,
  () => `lahir ${1 + Math.floor(rand() * 28)} September 20${digits(1)}${digits(1)}.`,
  () => `Riwayat ${pick(['gizi buruk', 'TBC', 'diare', 'asma', 'stunting'])}.`,
];

const notes: string[] = [];
for (let i = 0; i < NOTES; i++) {
  const parts: string[] = [];
  const n = 3 + Math.floor(rand() * 6);
  for (let k = 0; k < n; k++) parts.push(rand() < 0.4 ? pick(PII)() : pick(FILLER));
  notes.push(parts.join(' '));
}
const avgChars = Math.round(notes.reduce((s, n) => s + n.length, 0) / notes.length);

const BASELINE = /\d{4,}/g;
function baseline(text: string): number {
  let n = 0;
  BASELINE.lastIndex = 0;
  while (BASELINE.exec(text) !== null) n++;
  return n;
}

function measure(fn: (text: string) => number): number {
  let sink = 0;
  for (const note of notes) sink += fn(note); // warm-up
  let best = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = performance.now();
    for (const note of notes) sink += fn(note);
    best = Math.min(best, performance.now() - t0);
  }
  if (sink < 0) process.stdout.write(`${sink}\n`); // keep the work observable
  return (notes.length / best) * 1000;
}

const base = measure(baseline);
const scan = measure((t) => scanText(t).length);
process.stdout.write(`${JSON.stringify({ notes: NOTES, avg_chars: avgChars, baseline_records_per_s: Math.round(base), pii_scan_records_per_s: Math.round(scan), pii_ratio_to_baseline: Number((scan / base).toFixed(4)) })}\n`);
