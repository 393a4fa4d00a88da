//! A tiny deterministic PRNG (SplitMix64) for the demo generator.
//!
//! Not cryptographic. It exists so the same seed yields byte-identical demo
//! data on every platform (native and wasm) without pulling in `rand`.

/// SplitMix64: one `u64` of state, full period, passes BigCrush, and every
/// seed (including 0) is usable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    /// An independent stream for one part of the generator, so that changing
    /// how one collection draws numbers does not reshuffle the others.
    pub fn derive(seed: u64, salt: u64) -> Self {
        let mut mixer = Rng::new(seed ^ salt.wrapping_mul(0xA076_1D64_78BD_642F));
        Rng::new(mixer.next_u64())
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`, using the top 53 bits so every value is exact.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in `[lo, hi)`; a reversed range is swapped rather than rejected.
    pub fn range(&mut self, lo: f64, hi: f64) -> f64 {
        let (lo, hi) = if hi < lo { (hi, lo) } else { (lo, hi) };
        lo + (hi - lo) * self.next_f64()
    }

    /// Uniform integer in `lo..=hi`; a reversed range is swapped.
    pub fn range_u32(&mut self, lo: u32, hi: u32) -> u32 {
        let (lo, hi) = if hi < lo { (hi, lo) } else { (lo, hi) };
        let span = u64::from(hi - lo) + 1;
        // Modulo bias is below 2^-32 for spans that fit in u32: irrelevant here.
        lo + (self.next_u64() % span) as u32
    }

    /// Roughly standard normal (mean 0, sd 1): the Irwin–Hall sum of six
    /// uniforms, rescaled. Bounded to about ±4.2, which keeps demo numbers
    /// from ever going wild.
    pub fn normalish(&mut self) -> f64 {
        let sum: f64 = (0..6).map(|_| self.next_f64()).sum();
        // Six uniforms have mean 3 and variance 0.5.
        (sum - 3.0) * std::f64::consts::SQRT_2
    }

    /// Roughly normal with the given mean and standard deviation.
    pub fn gauss(&mut self, mean: f64, sd: f64) -> f64 {
        mean + sd * self.normalish()
    }

    /// A multiplicative jitter around 1.0, never below 0.
    pub fn jitter(&mut self, sd: f64) -> f64 {
        self.gauss(1.0, sd).max(0.0)
    }

    /// True with probability `p` (clamped to `[0, 1]`).
    pub fn chance(&mut self, p: f64) -> bool {
        self.next_f64() < p.clamp(0.0, 1.0)
    }

    /// One element, or `None` for an empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() {
            return None;
        }
        let idx = self.next_u64() % items.len() as u64;
        items.get(idx as usize)
    }

    /// Rounds a non-negative expectation to an integer whose mean is the
    /// expectation: 0.3 becomes 1 three times in ten. This keeps small rows
    /// honest (many zeros, some ones) instead of all rounding to zero.
    pub fn round_stochastic(&mut self, expected: f64) -> u32 {
        if !expected.is_finite() || expected <= 0.0 {
            return 0;
        }
        let floor = expected.floor();
        let extra = if self.chance(expected - floor) {
            1.0
        } else {
            0.0
        };
        (floor + extra).min(f64::from(u32::MAX)) as u32
    }

    /// In-place Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(42);
        let mut b = Rng::new(42);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        let mut c = Rng::new(43);
        assert_ne!(Rng::new(42).next_u64(), c.next_u64());
    }

    #[test]
    fn known_splitmix_values() {
        // Reference output of SplitMix64 seeded with 0.
        let mut r = Rng::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn derived_streams_differ() {
        let mut a = Rng::derive(7, 1);
        let mut b = Rng::derive(7, 2);
        assert_ne!(a.next_u64(), b.next_u64());
        assert_eq!(Rng::derive(7, 1), Rng::derive(7, 1));
    }

    #[test]
    fn floats_and_ranges_stay_in_bounds() {
        let mut r = Rng::new(1);
        let mut sum = 0.0;
        for _ in 0..10_000 {
            let x = r.next_f64();
            assert!((0.0..1.0).contains(&x));
            sum += x;
            let y = r.range(-2.0, 3.0);
            assert!((-2.0..3.0).contains(&y));
            let z = r.range(5.0, 1.0);
            assert!((1.0..5.0).contains(&z));
            let n = r.range_u32(3, 6);
            assert!((3..=6).contains(&n));
        }
        let mean = sum / 10_000.0;
        assert!((mean - 0.5).abs() < 0.02, "mean {mean}");
        assert_eq!(r.range_u32(9, 9), 9);
    }

    #[test]
    fn normalish_has_unit_spread() {
        let mut r = Rng::new(3);
        let xs: Vec<f64> = (0..20_000).map(|_| r.normalish()).collect();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let var = xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / xs.len() as f64;
        assert!(mean.abs() < 0.05, "mean {mean}");
        assert!((var - 1.0).abs() < 0.08, "var {var}");
        assert!(xs.iter().all(|x| x.abs() < 4.3));
    }

    #[test]
    fn pick_chance_and_rounding() {
        let mut r = Rng::new(9);
        let empty: [u8; 0] = [];
        assert_eq!(r.pick(&empty), None);
        let items = [1, 2, 3];
        for _ in 0..100 {
            assert!(items.contains(r.pick(&items).unwrap()));
        }
        assert!(!r.chance(0.0));
        assert!(r.chance(1.0));
        let hits = (0..10_000).filter(|_| r.chance(0.25)).count();
        assert!((2_200..2_800).contains(&hits), "hits {hits}");

        assert_eq!(r.round_stochastic(0.0), 0);
        assert_eq!(r.round_stochastic(-3.0), 0);
        assert_eq!(r.round_stochastic(f64::NAN), 0);
        assert_eq!(r.round_stochastic(4.0), 4);
        let total: u32 = (0..10_000).map(|_| r.round_stochastic(0.3)).sum();
        assert!((2_700..3_300).contains(&total), "total {total}");
    }

    #[test]
    fn shuffle_keeps_elements() {
        let mut r = Rng::new(5);
        let mut v: Vec<u32> = (0..50).collect();
        r.shuffle(&mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        assert_ne!(v, sorted);
    }
}
