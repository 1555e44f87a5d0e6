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

/** An in-memory TF-IDF index over idea titles and summaries. */
export class SimilarityIndex {
  /** Each document's slot in `slotIds`/`norms` and its terms as parallel arrays (kept for removal and norms). */
  private readonly docs = new Map<string, { slot: number; terms: Int32Array; weights: Float64Array }>();
  /** Term text -> dense term number, so postings and IDFs live in arrays. Numbers are never reused: the
   *  vocabulary only grows, bounded by the distinct terms ever indexed (queries add none). */
  private readonly termNumbers = new Map<string, number>();
  /** Inverted index by term number: slot -> weighted term frequency. A term's document frequency is its size. */
  private readonly postings: Map<number, number>[] = [];
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
    const terms = new Int32Array(weighted.size);
    const weights = new Float64Array(weighted.size);
    let i = 0;
    for (const [term, weight] of weighted) {
      let number = this.termNumbers.get(term);
      if (number === undefined) {
        number = this.postings.push(new Map()) - 1;
        this.termNumbers.set(term, number);
      }
      this.postings[number]!.set(slot, weight);
      terms[i] = number;
      weights[i++] = weight;
    }
    this.docs.set(id, { slot, terms, weights });
    this.dirty = true;
  }

  /** Removes a document; unknown ids are ignored. */
  remove(id: string): void {
    const doc = this.docs.get(id);
    if (!doc) return;
    for (const term of doc.terms) this.postings[term]!.delete(doc.slot);
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

    // Only documents that share a term with the query collect a dot product; the rest stay at 0.
    const dots = new Float64Array(this.slotIds.length);
    let queryNorm2 = 0;
    for (const [term, weight] of terms) {
      const number = this.termNumbers.get(term);
      const posting = number === undefined ? undefined : this.postings[number];
      const idf = this.idf(posting?.size ?? 0);
      queryNorm2 += (weight * idf) ** 2;
      if (!posting) continue;
      const queryWeight = weight * idf * idf;
      for (const [slot, docWeight] of posting) dots[slot]! += queryWeight * docWeight;
    }

    const queryNorm = Math.sqrt(queryNorm2);
    const matches: SimilarIdea[] = [];
    for (let slot = 0; slot < dots.length; slot++) {
      const id = this.slotIds[slot];
      if (dots[slot] === 0 || id === undefined || id === options.excludeId) continue;
      // Rounding can push a self-match a hair past 1.
      const score = Math.min(1, dots[slot]! / (queryNorm * this.norms[slot]!));
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
    const idfs = Float64Array.from(this.postings, (posting) => this.idf(posting.size));
    const norms = new Float64Array(this.slotIds.length);
    for (const { slot, terms, weights } of this.docs.values()) {
      let norm2 = 0;
      for (let i = 0; i < terms.length; i++) norm2 += (weights[i]! * idfs[terms[i]!]!) ** 2;
      norms[slot] = Math.sqrt(norm2);
    }
    this.norms = norms;
    this.dirty = false;
  }
}
