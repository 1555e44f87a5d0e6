import { termWeights } from './text-tokens.js';

/**
 * The score an idea must reach to be shown as "similar". Measured on the ten demo ideas, which all talk about
 * care, people and homes: distinct ideas score 0.02-0.15 against each other, an idea on a neighbouring theme
 * about 0.25 ("Training for care workers" against Workforce Development), and rewordings or spelling variants
 * of an existing idea 0.35-0.8 ("Re-ablement at home" 0.36, "Reablement home care service" 0.52). 0.3 keeps the
 * list empty unless an idea really overlaps one already in the store; see test/workflows/similarity-index.test.ts.
 */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.3;

/** One match from {@link SimilarityIndex.query}. */
export interface SimilarIdea {
  id: string;
  /** Cosine similarity of the TF-IDF vectors, 0..1. */
  score: number;
}

/** What {@link SimilarityIndex.query} should return. */
export interface SimilarityQueryOptions {
  limit: number;
  threshold: number;
  excludeId?: string;
}

/**
 * An in-memory TF-IDF index over idea titles and summaries. Each document keeps its terms and weights in
 * one small typed array, and each term only a count of the documents holding it: a query scans every
 * document (ten thousand ideas of about twenty terms take about a millisecond), which costs far less
 * memory than an inverted index's per-term maps.
 */
export class SimilarityIndex {
  /** Each document's slot in `slotIds`/`norms`, and its term numbers then their weights in one array. */
  private readonly docs = new Map<string, { slot: number; vector: Float64Array }>();
  /** Term text -> dense term number, so frequencies and IDFs live in arrays. Numbers are never reused: the
   *  vocabulary only grows, bounded by the distinct terms ever indexed (queries add none). */
  private readonly termNumbers = new Map<string, number>();
  /** How many documents hold each term (by term number). */
  private documentFrequency = new Int32Array(64);
  private readonly slotIds: (string | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Vector length of each slot under the current IDFs; stale while `dirty`. */
  private norms = new Float64Array(0);
  private dirty = false;

  /** Adds or replaces a document. */
  upsert(id: string, title: string, summary: string): void {
    this.remove(id);
    const slot = this.freeSlots.pop() ?? this.slotIds.length;
    this.slotIds[slot] = id;
    const weighted = termWeights(title, summary);
    const vector = new Float64Array(weighted.size * 2);
    let i = 0;
    for (const [term, weight] of weighted) {
      let number = this.termNumbers.get(term);
      if (number === undefined) {
        number = this.termNumbers.size;
        this.termNumbers.set(term, number);
        if (number >= this.documentFrequency.length) {
          const grown = new Int32Array(this.documentFrequency.length * 2);
          grown.set(this.documentFrequency);
          this.documentFrequency = grown;
        }
      }
      this.documentFrequency[number]!++;
      vector[i] = number;
      vector[weighted.size + i++] = weight;
    }
    this.docs.set(id, { slot, vector });
    this.dirty = true;
  }

  /** Removes a document; unknown ids are ignored. */
  remove(id: string): void {
    const doc = this.docs.get(id);
    if (!doc) return;
    const count = doc.vector.length / 2;
    for (let i = 0; i < count; i++) this.documentFrequency[doc.vector[i]!]!--;
    this.docs.delete(id);
    this.slotIds[doc.slot] = undefined;
    this.freeSlots.push(doc.slot);
    this.dirty = true;
  }

  /** How many documents the index holds. */
  get size(): number {
    return this.docs.size;
  }

  /** Most similar documents first (cosine similarity, 0..1), at most `limit`, only those with score >= threshold, excluding `excludeId`. */
  query(title: string, summary: string, options: SimilarityQueryOptions): SimilarIdea[] {
    const terms = termWeights(title, summary);
    if (terms.size === 0 || this.docs.size === 0 || !(options.limit >= 1)) return [];
    this.refresh();

    // The query's weight of each indexed term it holds (times the IDF twice: once for each vector), by term
    // number: zero for the terms it does not hold, so the scan below needs no lookups and no branches.
    const queryWeights = new Float64Array(this.termNumbers.size);
    let queryNorm2 = 0;
    let shared = false;
    for (const [term, weight] of terms) {
      const number = this.termNumbers.get(term);
      const idf = this.idf(number === undefined ? 0 : this.documentFrequency[number]!);
      queryNorm2 += (weight * idf) ** 2;
      if (number !== undefined && this.documentFrequency[number]! > 0) {
        queryWeights[number] = weight * idf * idf;
        shared = true;
      }
    }
    if (!shared) return [];

    const queryNorm = Math.sqrt(queryNorm2);
    const matches: SimilarIdea[] = [];
    for (const [id, { slot, vector }] of this.docs) {
      if (id === options.excludeId) continue;
      const count = vector.length / 2;
      let dot = 0;
      for (let i = 0; i < count; i++) dot += queryWeights[vector[i]!]! * vector[count + i]!;
      if (dot === 0) continue;
      // Rounding can push a self-match a hair past 1.
      const score = Math.min(1, dot / (queryNorm * this.norms[slot]!));
      if (score >= options.threshold) matches.push({ id, score });
    }
    matches.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    return matches.slice(0, Math.floor(options.limit));
  }

  /** Smoothed inverse document frequency (as scikit-learn's): never zero, highest for the rarest terms. */
  private idf(documentFrequency: number): number {
    return Math.log((1 + this.docs.size) / (1 + documentFrequency)) + 1;
  }

  /**
   * Recomputes every vector length after the store changed. Every add or remove shifts the IDFs (through the
   * document count), so lengths cannot be patched; one pass over typed arrays is cheap, and only the first
   * query after a change pays for it.
   */
  private refresh(): void {
    if (!this.dirty) return;
    const idfs = Float64Array.from(this.documentFrequency.subarray(0, this.termNumbers.size), (df) => this.idf(df));
    const norms = new Float64Array(this.slotIds.length);
    for (const { slot, vector } of this.docs.values()) {
      const count = vector.length / 2;
      let norm2 = 0;
      for (let i = 0; i < count; i++) norm2 += (vector[count + i]! * idfs[vector[i]!]!) ** 2;
      norms[slot] = Math.sqrt(norm2);
    }
    this.norms = norms;
    this.dirty = false;
  }
}
