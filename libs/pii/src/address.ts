// Indonesian street addresses: a street anchor (Jl./Jln/Jalan/Gg./Gang/Komp./Perum./Dusun/Kp.) and
// its name, then any of house number, RT/RW (neighbourhood units), Kel./Desa, Kec., Kab./Kota.
// The span runs from the anchor to the last component reached. RT/RW or Kel./Kec. without a
// street is still reported, at lower confidence: it narrows a household to a few dozen homes.
import type { Finding } from './types.js';

// Unambiguous abbreviations: any word may follow. Bare words ("jalan", "gang") are also verbs
// and nouns, so they need a capitalised name or a house number / RT after them.
const STREET_ANCHOR = /(?<![\p{L}\p{N}])(?:(jln?\.?|jl\.|gg\.|komp\.|kompleks|komplek|perum\.|perumahan|perumnas|perum|dsn\.|dusun|kp\.|blok)|(jalan|gang|kampung))(?:(?=[\s,:])|(?<=\.))/giu;
// Street names keep the titles they honour: "Jl. KH. Hasyim Asyari", "Jl. Jend. Sudirman", "Jl. Dr. Wahidin".
const NAME_TOKEN = /[ \t]*,?[ \t]*((?:(?:KH|Kh|Dr|Drs|Jend|Prof|Ir|Hj|Kol|Mayjen|Letjen|Brigjen|Tgk|St)\.|\p{Lu}\.|\p{L}[\p{L}'’-]*|\d{1,3}(?![\d/])))/uy;
const HOUSE_NO = /[ \t]*,?[ \t]*(?:no\.?|nomor|nmr\.?|km\.?|#)[ \t]*\d{1,4}[a-z]?(?:[ \t]*[/-][ \t]*\d{1,4}[a-z]?)?(?![\p{L}\p{N}])/iuy;
const BLOCK_NO = /[ \t]*,?[ \t]*blok[ \t]+[a-z]{0,2}[ \t-]?\d{0,3}(?![\p{L}\p{N}])/iuy;
const RT_RW = /[ \t]*,?[ \t]*rt[ \t.]*:?[ \t]*\d{1,3}[ \t]*(?:\/|,|[ \t])[ \t]*(?:rw[ \t.]*:?[ \t]*)?\d{1,3}(?![\p{L}\p{N}])/iuy;
// A lane off the street: "Jl. Sisingamangaraja Gg. Melati No. 8".
const SUB_STREET = /[ \t]*,?[ \t]*(?:[Gg][Gg]\.?|[Gg]ang)[ \t]+\p{Lu}[\p{L}'’-]*(?:[ \t]+(?!(?:No|NO|Nomor|RT|RW|Km|KM|Kel|Kec|Kab|Kota|Desa)(?!\p{L}))(?:\p{Lu}[\p{L}'’-]*|[IVX]+|\d{1,3}(?![\d/])))?/uy;
const RT_ONLY = /[ \t]*,?[ \t]*r[tw][ \t.]*:?[ \t]*\d{1,3}(?![\p{L}\p{N}])/iuy;
const ADMIN = /[ \t]*,?[ \t]*(?:kel\.|kelurahan|desa|ds\.|kec\.|kecamatan|kab\.|kabupaten|kota|kampung|kp\.)[ \t]*/iuy;
const ADMIN_NAME = /(?:(?:Dr|KH|H|Jend|Prof)\.[ \t]*)?(\p{Lu}[\p{L}'’-]*|\p{Lu}{2,})(?:[ \t]+(\p{Lu}[\p{L}'’-]*))?(?:[ \t]+(\p{Lu}[\p{L}'’-]*))?/uy;
// The tail of a written-out address: province (official names and common short forms) and kode pos.
const PROVINCES = [
  'Aceh', 'Sumatera Utara', 'Sumatera Barat', 'Riau', 'Jambi', 'Sumatera Selatan', 'Bengkulu', 'Lampung', 'Kepulauan Bangka Belitung',
  'Bangka Belitung', 'Kepulauan Riau', 'DKI Jakarta', 'Jakarta', 'Jawa Barat', 'Jawa Tengah', 'DI Yogyakarta', 'D.I. Yogyakarta',
  'Daerah Istimewa Yogyakarta', 'Yogyakarta', 'Jawa Timur', 'Banten', 'Bali', 'Nusa Tenggara Barat', 'Nusa Tenggara Timur',
  'Kalimantan Barat', 'Kalimantan Tengah', 'Kalimantan Selatan', 'Kalimantan Timur', 'Kalimantan Utara', 'Sulawesi Utara',
  'Sulawesi Tengah', 'Sulawesi Selatan', 'Sulawesi Tenggara', 'Gorontalo', 'Sulawesi Barat', 'Maluku', 'Maluku Utara', 'Papua',
  'Papua Barat', 'Papua Barat Daya', 'Papua Selatan', 'Papua Tengah', 'Papua Pegunungan',
  'NTB', 'NTT', 'Sumut', 'Sumbar', 'Sumsel', 'Jabar', 'Jateng', 'Jatim', 'Kalbar', 'Kalteng', 'Kalsel', 'Kaltim', 'Kaltara',
  'Sulut', 'Sulteng', 'Sulsel', 'Sultra', 'Sulbar', 'Malut', 'Kepri', 'Babel',
] as const;
const PROVINCE = new RegExp(
  String.raw`[ \t]*,?[ \t]*(?:prov\.|provinsi)?[ \t]*(?:` + [...PROVINCES].sort((a, b) => b.length - a.length).map((p) => p.replace(/\./g, '\\.')).join('|') + String.raw`)(?![\p{L}\p{N}])`,
  'iuy',
);
const POSTAL_CODE = /[ \t]*,?[ \t]*(?:kode[ \t]+pos[ \t]*:?[ \t]*)?[1-9]\d{4}(?![\p{L}\p{N}])/iuy;
const STANDALONE = /(?<![\p{L}\p{N}])(?:rt[ \t.]*:?[ \t]*\d{1,3}[ \t]*(?:\/[ \t]*(?:rw[ \t.]*:?[ \t]*)?|,?[ \t]*rw[ \t.]*:?[ \t]*)\d{1,3}|(?:kel\.|kelurahan|kec\.|kecamatan)[ \t]+\p{Lu})/giu;
const UPPER_START = /^\p{Lu}/u;
// House numbers and Roman numerals continue a street name: "Jl. Veteran 2", "Gg. Mawar II".
const DIGIT_START = /^(?:\d|[IVX]+$)/;

// Words that end a street name: function words, verbs and nouns that follow an address in prose.
const STREET_STOP: ReadonlySet<string> = new Set([
  'dan', 'di', 'ke', 'dari', 'yang', 'untuk', 'dengan', 'pada', 'oleh', 'atau', 'karena', 'sejak', 'sampai', 'hingga',
  'dekat', 'depan', 'belakang', 'samping', 'sebelah', 'seberang', 'arah', 'menuju', 'sekitar',
  'no', 'nomor', 'nmr', 'rt', 'rw', 'kel', 'kelurahan', 'desa', 'ds', 'kec', 'kecamatan', 'kab', 'kabupaten', 'kota', 'kp',
  'tinggal', 'rumah', 'kos', 'kontrakan', 'bersama', 'ini', 'itu', 'tersebut', 'saat', 'ketika', 'sekarang', 'kemudian',
  'telp', 'hp', 'wa', 'kaki', 'raya', 'tol', 'km',
  'jl', 'jln', 'jalan', 'gg', 'gang', 'kampung', 'komp', 'kompleks', 'perum', 'perumahan', 'blok', 'dusun', 'dsn',
]);
// "raya" is a stop word only when it would start the name after a bare word ("jalan raya" = main
// road); after a name or an abbreviated anchor it is part of it ("Jl. Merdeka Raya", "Jl. Raya Bogor").
const MAX_NAME_TOKENS = 4;

function lower(s: string): string {
  return s.toLowerCase().replace(/[.’']/g, '');
}

/** Extends `end` over any house number, RT/RW and administrative components; returns the new end and how many it took. */
function extendComponents(text: string, end: number): [number, number] {
  let taken = 0;
  for (;;) {
    let next = -1;
    for (const re of [HOUSE_NO, BLOCK_NO, SUB_STREET, RT_RW, RT_ONLY, PROVINCE, POSTAL_CODE]) {
      re.lastIndex = end;
      if (re.test(text)) {
        next = re.lastIndex;
        break;
      }
    }
    if (next < 0) {
      ADMIN.lastIndex = end;
      if (ADMIN.test(text)) {
        ADMIN_NAME.lastIndex = ADMIN.lastIndex;
        if (ADMIN_NAME.test(text)) next = ADMIN_NAME.lastIndex;
      }
    }
    if (next < 0) return [end, taken];
    end = next;
    taken++;
  }
}

/** Appends ADDRESS findings: street addresses with their components, and bare RT/RW or Kel./Kec. at lower confidence. */
export function detectAddress(text: string, out: Finding[]): void {
  STREET_ANCHOR.lastIndex = 0;
  for (let m = STREET_ANCHOR.exec(text); m !== null; m = STREET_ANCHOR.exec(text)) {
    const start = m.index;
    const strong = m[1] !== undefined;
    let end = start + m[0].length;
    let names = 0;
    let titleCase = false;
    while (names < MAX_NAME_TOKENS) {
      NAME_TOKEN.lastIndex = end;
      const t = NAME_TOKEN.exec(text);
      if (t === null) break;
      const word = t[1] ?? '';
      const key = lower(word);
      // "Jl. Raya Bogor": after an abbreviated anchor a capitalised "Raya" opens the name.
      if (STREET_STOP.has(key) && !(key === 'raya' && (names > 0 || (strong && UPPER_START.test(word))))) break;
      // A comma ends the street name; whatever follows must be a component.
      if (names > 0 && t[0].includes(',')) break;
      const upper = UPPER_START.test(word) || DIGIT_START.test(word);
      if (names === 0) titleCase = upper;
      // In Title Case prose the name ends at the first lower-case word; in lower-case notes take at most two words.
      else if (titleCase ? !upper : names >= 2) break;
      end = NAME_TOKEN.lastIndex;
      names++;
    }
    if (names === 0) continue;
    const [extended, components] = extendComponents(text, end);
    if (!strong && !titleCase && components === 0) continue;
    const confidence = strong || components > 0 ? 0.92 : 0.75;
    out.push({ type: 'ADDRESS', start, end: extended, confidence, detector: 'address-street' });
    STREET_ANCHOR.lastIndex = extended;
  }
  STANDALONE.lastIndex = 0;
  for (let m = STANDALONE.exec(text); m !== null; m = STANDALONE.exec(text)) {
    const start = m.index;
    // Re-parse from the start so RT/RW and admin names are taken whole; a street span that
    // already holds this one wins at overlap resolution (higher confidence, longer).
    const [end] = extendComponents(text, start);
    if (end <= start) continue;
    STANDALONE.lastIndex = Math.max(STANDALONE.lastIndex, end);
    out.push({ type: 'ADDRESS', start, end, confidence: 0.65, detector: 'address-area' });
  }
}
