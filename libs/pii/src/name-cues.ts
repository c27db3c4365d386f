// Words around a name in Indonesian prose: honorifics before it, context phrases that announce
// it, and capitalised words that are never part of it (titles, institutions, days, months).

const words = (s: string): string[] => s.trim().split(/\s+/);

/** Honorifics written without a full stop (Bapak, Ibu, Kak…); matched case-insensitively. */
export const HONORIFICS: ReadonlySet<string> = new Set(words(`
  bapak pak ibu bu kak kakak mas mbak adik dik om tante nenek kakek mbah ustadz ustaz ustadzah ustazah saudara saudari
  bang abang uda uni teteh aa akang kang neng nona tuan nyonya dek adek
`));

/** Abbreviated honorifics that must be followed by a full stop: Sdr., Sdri., dr., H., Hj., Tn., Ny., An. (anak), Bpk. */
export const DOTTED_HONORIFICS: ReadonlySet<string> = new Set(words(`sdr sdri sdra dr drg h hj tn ny an bpk bp`));

/** Single words that announce a name ("bernama Rizky", "ibunya Siti", "korban Dewi"). */
export const NAME_CONTEXT: ReadonlySet<string> = new Set(words(`
  bernama namanya ibunya ayahnya bapaknya anaknya kakaknya adiknya neneknya kakeknya walinya suaminya istrinya
  pamannya bibinya anak korban pelapor terlapor pelaku inisial
  siswa siswi murid pasien wali keluarga tetangga menemani mendampingi hubungi menghubungi almarhum almarhumah alm
`));

/** Kin words that make "<kin> saya, X" / "<kin> kami, X" an apposition naming the person. */
export const KIN_WORDS: ReadonlySet<string> = new Set(words(`
  ayah bapak ibu mama papa kakek nenek suami istri anak adik kakak paman bibi om tante mertua keponakan cucu sepupu
`));

/** Two-word labels that announce a name before a colon: "Penanggung jawab: …", "Orang tua: …" (second word → first). */
export const NAME_LABEL_PAIRS: ReadonlyMap<string, string> = new Map([['jawab', 'penanggung'], ['tua', 'orang'], ['asuh', 'tua']]);

/** Words that may follow "nama" before the colon: "Nama anak: …", "Nama lengkap: …". */
export const NAME_QUALIFIERS: ReadonlySet<string> = new Set(words(`
  lengkap anak ibu ayah bapak korban pelapor wali kepala keluarga panggilan orang tua kecil
`));

/** Connectors inside a name: "bin", "binti", Batak "boru"/"br.", Portuguese-origin "da"/"dos" (Flores, Timor, Maluku). */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(words(`bin binti boru br da dos`));

/** Abbreviations that stand inside a name with a full stop: "M. Rizki", "Muh. Ali", "Abd. Rahman". */
export const NAME_ABBREVIATIONS: ReadonlySet<string> = new Set(words(`m muh moh mhd moch abd st`));

/** Balinese name prefixes, kept in the span when a name follows: "I Wayan", "Ni Luh", "Anak Agung". */
export const NAME_PREFIXES: ReadonlySet<string> = new Set(words(`i ni`));

/** Capitalised words that never belong to a person's name. */
export const NAME_STOPWORDS: ReadonlySet<string> = new Set(words(`
  kota kabupaten provinsi desa kampung kelurahan kecamatan dusun jalan jl jln gang gg rt rw kel kec kab
  kepala kades lurah camat bupati walikota wakil gubernur presiden menteri guru dokter bidan perawat polisi jaksa ketua
  sekretaris bendahara pendamping pekerja sosial petugas kader ustadz pendeta kyai kiai haji hajjah direktur wali kelas
  sekolah puskesmas posyandu rumah sakit rs rsud dinas kantor polsek polres polda tim tuhan allah yang terhormat
  hamil menyusui tangga negara pertiwi kandung tiri angkat asuh balita bayi anak remaja korban pelapor
  senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus september oktober
  november desember dan atau di ke dari pada untuk dengan yang itu ini tersebut dia ia mereka kami kita saya beliau
  tidak sudah belum akan sedang masih juga hanya saat setelah sebelum ketika sejak kemudian lalu namun tetapi
  no nomor telp hp wa nik ktp kk ttl tgl tanggal lahir alamat umur usia tahun bulan hari laki perempuan
  datang pergi pulang hadir tinggal bekerja kerja sakit sehat menangis mengatakan berkata melapor melaporkan meninggal
  masuk keluar lahir dirawat diperiksa dijemput diantar bersama sendiri juga adalah
  sd smp sma smk tk paud mi mts ma kelas rt/rw lsm yayasan lpa kpai p2tp2a uptd dp3a dp3ak bpjs kis pkh bpnt
`));
