//! Undo/redo over whole-draft snapshots. Typing into one field coalesces into one step, so
//! Ctrl+Z undoes a word-sized edit, not a single character.

/// Edits of the same field closer together than this share one undo step.
pub const COALESCE_MS: f64 = 1000.0;

#[derive(Clone, Debug)]
pub struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
    last_key: Option<String>,
    last_at: f64,
    limit: usize,
}

impl<T> History<T> {
    /// Keeps at most `limit` undo steps (the oldest are dropped).
    pub fn new(limit: usize) -> History<T> {
        History { undo: Vec::new(), redo: Vec::new(), last_key: None, last_at: f64::NEG_INFINITY, limit: limit.max(1) }
    }

    /// Records `before` (the state before an edit of `key` at `now_ms`) as an undo point.
    pub fn record(&mut self, before: T, key: &str, now_ms: f64) {
        let same_burst = self.last_key.as_deref() == Some(key) && now_ms - self.last_at < COALESCE_MS;
        self.last_key = Some(key.to_string());
        self.last_at = now_ms;
        self.redo.clear();
        if same_burst && !self.undo.is_empty() {
            return;
        }
        self.undo.push(before);
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
    }

    /// Ends the current typing burst: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.last_key = None;
    }

    /// Returns the state to go back to, keeping `current` for redo.
    pub fn undo(&mut self, current: T) -> Option<T> {
        let previous = self.undo.pop()?;
        self.redo.push(current);
        self.last_key = None;
        Some(previous)
    }

    pub fn redo(&mut self, current: T) -> Option<T> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        self.last_key = None;
        Some(next)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.last_key = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_in_one_field_is_one_step() {
        let mut h = History::new(100);
        h.record("", "name", 0.0);
        h.record("a", "name", 100.0);
        h.record("ab", "name", 200.0);
        assert_eq!(h.undo("abc"), Some(""));
        assert!(!h.can_undo());
        assert_eq!(h.redo(""), Some("abc"));
    }

    #[test]
    fn another_field_or_a_pause_starts_a_new_step() {
        let mut h = History::new(100);
        h.record(0, "a", 0.0);
        h.record(1, "b", 10.0);
        h.record(2, "b", 10.0 + COALESCE_MS + 1.0);
        assert_eq!(h.undo(3), Some(2));
        assert_eq!(h.undo(2), Some(1));
        assert_eq!(h.undo(1), Some(0));
        assert_eq!(h.undo(0), None);
    }

    #[test]
    fn a_new_edit_clears_redo_and_the_limit_drops_the_oldest() {
        let mut h = History::new(100);
        for i in 0..150 {
            h.record(i, &format!("k{i}"), f64::from(i));
        }
        let mut steps = 0;
        let mut cur = 150;
        while let Some(prev) = h.undo(cur) {
            cur = prev;
            steps += 1;
        }
        assert_eq!((steps, cur), (100, 50));
        h.record(cur, "x", 1e9);
        assert!(!h.can_redo());
    }

    #[test]
    fn seal_breaks_a_burst() {
        let mut h = History::new(10);
        h.record(0, "a", 0.0);
        h.seal();
        h.record(1, "a", 1.0);
        assert_eq!(h.undo(2), Some(1));
    }
}
