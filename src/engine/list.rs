//! A list of indices with room for every index it can ever hold, for a trial's inner loop.
//!
//! A `Vec` behind a `&mut` checks its capacity and stores its length to memory on every push;
//! this list borrows a buffer sized for all events (or outcomes) once per trial and keeps its
//! length in the trial, where the compiler can hold it in a register. Each list holds an index
//! at most once (the callers guarantee it), so the buffer never overflows.

pub(super) struct List<'a> {
    buf: &'a mut [u32],
    len: usize,
}

impl<'a> List<'a> {
    /// A list over `buf` holding its first `len` items.
    #[inline(always)]
    pub(super) fn new(buf: &'a mut [u32], len: usize) -> List<'a> {
        List { buf, len }
    }

    #[inline(always)]
    pub(super) fn len(&self) -> usize {
        self.len
    }

    #[inline(always)]
    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline(always)]
    pub(super) fn clear(&mut self) {
        self.len = 0;
    }

    #[inline(always)]
    pub(super) fn push(&mut self, x: u32) {
        self.buf[self.len] = x;
        self.len += 1;
    }

    #[inline(always)]
    pub(super) fn pop(&mut self) -> Option<u32> {
        if self.len == 0 {
            return None;
        }
        self.len -= 1;
        Some(self.buf[self.len])
    }

    /// Removes item `i`, moving the last item into its place; returns the moved item, if any.
    #[inline(always)]
    pub(super) fn swap_remove(&mut self, i: usize) -> Option<u32> {
        self.len -= 1;
        if i == self.len {
            return None;
        }
        let last = self.buf[self.len];
        self.buf[i] = last;
        Some(last)
    }

    #[inline(always)]
    pub(super) fn as_slice(&self) -> &[u32] {
        &self.buf[..self.len]
    }

    #[inline(always)]
    pub(super) fn as_mut_slice(&mut self) -> &mut [u32] {
        &mut self.buf[..self.len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_a_vec() {
        let mut buf = [0u32; 4];
        let mut l = List::new(&mut buf, 0);
        assert!(l.is_empty());
        l.push(5);
        l.push(6);
        l.push(7);
        assert_eq!(l.as_slice(), &[5, 6, 7]);
        assert_eq!(l.swap_remove(0), Some(7));
        assert_eq!(l.as_slice(), &[7, 6]);
        assert_eq!(l.swap_remove(1), None);
        assert_eq!(l.as_slice(), &[7]);
        assert_eq!(l.pop(), Some(7));
        assert_eq!(l.pop(), None);
        l.push(1);
        l.clear();
        assert_eq!(l.len(), 0);
    }
}
