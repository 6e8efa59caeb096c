/* Driving the real binary in a pseudo-terminal, with libvterm as the
 * terminal: keys in, screen cells out, waiting on the screen with a
 * deadline instead of sleeping. */
#ifndef CODEREF_TEST_VT_H
#define CODEREF_TEST_VT_H

#include <stdbool.h>
#include <stdint.h>
#include <vterm.h>

struct vt;

/* Starts argv[0] (NULL: $CODEREF_BIN) with argv in a rows x cols pty;
 * env entries "NAME=value" are added (TERM, HOME and LANG are pinned
 * first: TERM=xterm-256color, a temporary HOME, LANG=C.UTF-8). */
struct vt *vt_start(int rows, int cols, const char *const *env, const char *const *argv);
void vt_free(struct vt *v);

/* Reads what the program wrote for up to ms milliseconds. */
void vt_pump(struct vt *v, int ms);
/* Waits until text is on screen (or, gone, is not); false on timeout. */
bool vt_wait_text(struct vt *v, const char *text, int ms);
bool vt_wait_gone(struct vt *v, const char *text, int ms);
/* Waits until row (negative: from the bottom) holds text. */
bool vt_wait_row(struct vt *v, int row, const char *text, int ms);

/* The screen, one line per row, as UTF-8 (malloc'd). */
char *vt_screen(struct vt *v);
char *vt_row(struct vt *v, int row);
/* Screen cell (row, col): first code point; 0xFFFFFFFF right half of a
 * wide character. */
uint32_t vt_cell(struct vt *v, int row, int col);
/* Whether the cell is drawn bold, underlined or reversed. */
bool vt_cell_marked(struct vt *v, int row, int col);
/* The cell's foreground as a palette index; -1 for the default colour. */
int vt_cell_fg(struct vt *v, int row, int col);
void vt_signal(struct vt *v, int sig);
int vt_rows(struct vt *v);
int vt_cols(struct vt *v);

void vt_key(struct vt *v, VTermKey key);
void vt_char(struct vt *v, uint32_t c);
/* Every character of the UTF-8 string, as typed. */
void vt_type(struct vt *v, const char *s);
/* Raw bytes to the program. */
void vt_send(struct vt *v, const char *bytes, size_t n);
/* A mouse button (1 left, 4/5 wheel) pressed and released at a cell. */
void vt_click(struct vt *v, int button, int row, int col);
void vt_resize(struct vt *v, int rows, int cols);

/* Waits for the program to end; its exit status, 128+N for signal N, -1 on
 * timeout.  After it, whether the alternate screen was left. */
int vt_wait_exit(struct vt *v, int ms);
bool vt_left_altscreen(struct vt *v);
bool vt_in_altscreen(struct vt *v);
/* Waits until the program has written bytes (since the start or the last
 * vt_forget_output): for sequences the screen does not show, such as
 * OSC 52 or mode switches. */
bool vt_wrote(struct vt *v, const char *bytes, int ms);
void vt_forget_output(struct vt *v);
/* Prints the screen to stderr (for failing tests). */
void vt_dump(struct vt *v);

#endif
