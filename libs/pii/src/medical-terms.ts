// Health conditions are special-category data (UU 27/2022 on personal data protection, art. 4:
// "data dan informasi kesehatan"). A closed list of terms seen in child-welfare notes, Indonesian
// first, with the English and clinical forms case workers also write.
import type { Finding } from './types.js';

/** The medical vocabulary, lower case; multi-word terms match across any run of whitespace. */
export const MEDICAL_TERMS: readonly string[] = [
  // nutrition and growth
  'gizi buruk', 'gizi kurang', 'kurang gizi', 'busung lapar', 'stunting', 'wasting', 'underweight', 'malnutrisi',
  'kwashiorkor', 'marasmus', 'obesitas', 'bawah garis merah', 'anemia', 'kurang darah', 'dehidrasi', 'cacingan',
  // infectious disease
  'tbc', 'tb paru', 'tuberkulosis', 'tuberculosis', 'demam berdarah', 'dbd', 'diare', 'disentri', 'pneumonia', 'ispa',
  'hiv', 'aids', 'odha', 'hepatitis', 'campak', 'rubella', 'cacar', 'varisela', 'polio', 'difteri', 'pertusis',
  'malaria', 'tifus', 'tipes', 'tifoid', 'kusta', 'sifilis', 'gonore', 'covid-19', 'infeksi menular seksual', 'ims',
  'scabies', 'skabies', 'kudis',
  // injury and abuse sequelae
  'luka memar', 'memar', 'lebam', 'luka bakar', 'luka sundut', 'luka robek', 'patah tulang', 'fraktur', 'gegar otak',
  'trauma', 'pendarahan', 'perdarahan',
  // mental health and development
  'depresi', 'kecemasan', 'gangguan kecemasan', 'ptsd', 'gangguan jiwa', 'skizofrenia', 'bipolar', 'percobaan bunuh diri',
  'self-harm', 'menyakiti diri', 'adhd', 'autisme', 'autis', 'disabilitas', 'disabilitas intelektual', 'tunagrahita',
  'tunarungu', 'tunanetra', 'tunadaksa', 'down syndrome', 'sindrom down', 'cerebral palsy', 'lumpuh layuh',
  'keterlambatan perkembangan', 'speech delay', 'retardasi mental',
  // chronic and other
  'asma', 'epilepsi', 'kejang', 'diabetes', 'kanker', 'leukemia', 'thalassemia', 'talasemia', 'hidrosefalus',
  'jantung bawaan', 'penyakit jantung', 'gagal ginjal', 'kehamilan', 'hamil', 'keguguran', 'aborsi',
  'narkoba', 'napza', 'kecanduan',
];

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
const MEDICAL = new RegExp(
  String.raw`(?<![\p{L}\p{N}\-])(?:` + [...MEDICAL_TERMS].sort((a, b) => b.length - a.length).map(escape).join('|') + String.raw`)(?:nya)?(?![\p{L}\p{N}\-])`,
  'giu',
);

/** Appends MEDICAL_TERM findings for whole-word, case-insensitive matches of MEDICAL_TERMS (the possessive "-nya" included). */
export function detectMedicalTerms(text: string, out: Finding[]): void {
  MEDICAL.lastIndex = 0;
  for (let m = MEDICAL.exec(text); m !== null; m = MEDICAL.exec(text)) {
    out.push({ type: 'MEDICAL_TERM', start: m.index, end: m.index + m[0].length, confidence: 0.9, detector: 'medical-term' });
  }
}
