// avsc 5.7.9's writers check what they write (serde.ts relies on them instead of a full isValid
// pass) with two gaps, checked here before writing:
// - a record writer reads `v.<field>` without checking that `v` is an object, so where every field
//   of a record has a default, a string or number in its place is written as an all-defaults record
//   (a child's `medical: "…"` would silently become an empty MedicalProfile);
// - an enum writer looks the symbol up in a plain object, so "constructor", "toString" or
//   "__proto__" pass (isValid too) and are written as another symbol.
// The check descends only into the parts of the schema that hold such a record or an enum; where
// a value has the wrong shape for anything else, avsc's writer throws on its own.
import type { Type } from 'avsc';

/** False when `value` hits one of the gaps; true otherwise (the writer checks the rest). */
export type GapCheck = (value: unknown) => boolean;

interface TypeView {
  readonly typeName: string;
  readonly name?: string;
  readonly branchName?: string;
  readonly fields?: readonly { readonly name: string; readonly type: Type; defaultValue(): unknown }[];
  readonly itemsType?: Type;
  readonly valuesType?: Type;
  readonly types?: readonly Type[];
  readonly symbols?: readonly string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);

/** The gap check of `type`, or null when its schema has no defaulted record and no enum. */
export function writerGapCheck(type: Type): GapCheck | null {
  const memo = new Map<unknown, GapCheck | null>();
  const build = (t: Type): GapCheck | null => {
    if (memo.has(t)) return memo.get(t)!;
    // A recursive reference: checked through the entry being built.
    let built: GapCheck | null = null;
    memo.set(t, (v) => (built ? built(v) : true));
    built = buildOf(t as unknown as TypeView);
    memo.set(t, built);
    return built;
  };
  const buildOf = (t: TypeView): GapCheck | null => {
    switch (t.typeName) {
      case 'record':
      case 'error': {
        const fields = t.fields ?? [];
        const defaulted = fields.every((f) => f.defaultValue() !== undefined);
        const inner = fields.flatMap((f) => {
          const c = build(f.type);
          return c ? [[f.name, c] as const] : [];
        });
        if (!defaulted && inner.length === 0) return null;
        return (v) => {
          if (!isObject(v)) return !defaulted;
          for (const [name, c] of inner) if (v[name] !== undefined && !c(v[name])) return false;
          return true;
        };
      }
      case 'enum': {
        const symbols = new Set(t.symbols ?? []);
        return (v) => typeof v !== 'string' || symbols.has(v);
      }
      case 'array': {
        const c = build(t.itemsType!);
        return c && ((v) => !Array.isArray(v) || v.every(c));
      }
      case 'map': {
        const c = build(t.valuesType!);
        return c && ((v) => !isObject(v) || Object.values(v).every(c));
      }
      case 'union:wrapped': {
        const byName = new Map((t.types ?? []).flatMap((b) => {
          const c = build(b);
          return c ? [[(b as unknown as TypeView).branchName ?? '', c] as const] : [];
        }));
        if (byName.size === 0) return null;
        return (v) => {
          if (!isObject(v)) return true;
          const keys = Object.keys(v);
          const c = keys.length === 1 ? byName.get(keys[0]!) : undefined;
          return !c || c(v[keys[0]!]);
        };
      }
      case 'union:unwrapped': {
        const checks = (t.types ?? []).filter((b) => (b as unknown as TypeView).typeName !== 'null').map(build);
        if (checks.every((c) => c === null)) return null;
        // The writer picks the branch by the value's kind; a value some branch accepts is left to it.
        return (v) => v === null || checks.some((c) => c === null || c(v));
      }
      default:
        return null;
    }
  };
  return build(type);
}
