//! An insertion-ordered set of fixed-width state keys, each with its probability mass.
//!
//! Keys live in one flat arena (no allocation per state) and iterate in insertion order, so that
//! with a deterministic order of insertions every sum is taken in the same order on every run and
//! the output is reproducible bit for bit. Lookup is open addressing with linear probing.

const EMPTY: u32 = u32::MAX;

pub struct StateTable {
    width: usize,
    keys: Vec<u64>,
    mass: Vec<f64>,
    /// Slot of each entry, so `clear` touches only used slots.
    slot_of: Vec<u32>,
    slots: Vec<u32>,
}

impl StateTable {
    pub fn new(width: usize) -> StateTable {
        StateTable {
            width,
            keys: Vec::new(),
            mass: Vec::new(),
            slot_of: Vec::new(),
            slots: vec![EMPTY; 16],
        }
    }

    pub fn len(&self) -> usize {
        self.mass.len()
    }

    pub fn is_empty(&self) -> bool {
        self.mass.is_empty()
    }

    pub fn key(&self, i: usize) -> &[u64] {
        &self.keys[i * self.width..(i + 1) * self.width]
    }

    pub fn mass(&self, i: usize) -> f64 {
        self.mass[i]
    }

    pub fn clear(&mut self) {
        for &s in &self.slot_of {
            self.slots[s as usize] = EMPTY;
        }
        self.keys.clear();
        self.mass.clear();
        self.slot_of.clear();
    }

    /// Adds `mass` to the state `key`, inserting it if new.
    pub fn add(&mut self, key: &[u64], mass: f64) {
        debug_assert_eq!(key.len(), self.width);
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut s = hash(key) as usize & mask;
        loop {
            match self.slots[s] {
                EMPTY => {
                    self.slots[s] = self.len() as u32;
                    self.slot_of.push(s as u32);
                    self.keys.extend_from_slice(key);
                    self.mass.push(mass);
                    return;
                }
                i if self.key(i as usize) == key => {
                    self.mass[i as usize] += mass;
                    return;
                }
                _ => s = (s + 1) & mask,
            }
        }
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![EMPTY; size];
        let mask = size - 1;
        for i in 0..self.len() {
            let mut s = hash(self.key(i)) as usize & mask;
            while self.slots[s] != EMPTY {
                s = (s + 1) & mask;
            }
            self.slots[s] = i as u32;
            self.slot_of[i] = s as u32;
        }
    }
}

/// A fast multiplicative hash over words (FxHash's mixing step, with a final avalanche so that
/// the low bits used for the slot depend on every word).
fn hash(key: &[u64]) -> u64 {
    let mut h: u64 = 0;
    for &w in key {
        h = (h.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_equal_keys_and_keeps_insertion_order() {
        let mut t = StateTable::new(2);
        for i in 0..100u64 {
            t.add(&[i % 7, 1], 1.0);
        }
        assert_eq!(t.len(), 7);
        assert_eq!(t.key(3), &[3, 1]);
        assert_eq!(t.mass(0), 15.0);
        t.clear();
        assert!(t.is_empty());
        t.add(&[5, 5], 0.5);
        t.add(&[5, 5], 0.25);
        assert_eq!((t.len(), t.mass(0)), (1, 0.75));
    }

    #[test]
    fn zero_width_keys_are_one_state() {
        let mut t = StateTable::new(0);
        t.add(&[], 0.5);
        t.add(&[], 0.5);
        assert_eq!((t.len(), t.mass(0)), (1, 1.0));
    }
}
