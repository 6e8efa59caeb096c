/* Text normalization for search, the same at index and at query time, so
 * that what people type meets what the texts say: width and compatibility
 * forms (ｻｰﾊﾞｰ, ＡＢＣ), case, the katakana long-vowel mark at a word's end
 * (サーバ = サーバー), okurigana (話し中 = 話中) and British spellings
 * (signalling = signaling). */
#ifndef CODEREF_NORM_H
#define CODEREF_NORM_H

#include <stddef.h>

/* NFKC, case folding, ー dropped after katakana (so サーバ = サーバー and
 * インタフェース = インターフェース), a single kana between kanji dropped
 * (話し中 = 話中, 呼び出し = 呼出し), British forms turned American.
 * Invalid UTF-8 is replaced first.  Never NULL. */
char *cr_norm(const char *s);

/* The American form of one lowercase ASCII word, or NULL when it has none
 * (exposed for tests). */
const char *cr_norm_american(const char *word, char *buf, size_t size);

/* Splits a normalized query token into the terms worth matching: at script
 * changes (katakana, kanji, Latin), dropping Japanese particles and the
 * okurigana after a kanji run; calls add for each term.  A token of one
 * script comes back whole. */
void cr_norm_split(const char *token, void (*add)(const char *term, size_t n, void *data), void *data);

#endif
