//! Failed logins: a delay before each refusal that grows with the recent failures from the same
//! address and with all recent failures together, and the running count the facilitator's
//! header shows. From an address with recent failures, attempts are also checked one at a
//! time, each in its turn (spaced by that delay), so clients that do not wait for the answer,
//! or many connections at once, gain nothing.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The delay before refusing a first failure; each further recent one doubles it...
pub const FIRST_DELAY: Duration = Duration::from_millis(250);
/// ...up to this.
pub const MAX_DELAY: Duration = Duration::from_secs(10);
/// All addresses together: every this many recent failures double the delay.
const OVERALL_STEP: u32 = 4;
/// A failure stops counting as recent at this pace: one forgotten per this long.
const FORGET_ONE: Duration = Duration::from_secs(60);
/// At most this many addresses remembered (those forgotten longest ago go first).
const MAX_SOURCES: usize = 4096;
/// An attempt whose turn is further off than this is not checked: its connection is closed.
pub const MAX_TURN_WAIT: Duration = Duration::from_secs(20);

/// Recent failures, forgotten one per [`FORGET_ONE`].
#[derive(Debug, Clone, Copy)]
struct Recent {
    score: f64,
    last: Instant,
}

impl Recent {
    fn new(now: Instant) -> Recent {
        Recent {
            score: 0.0,
            last: now,
        }
    }

    /// The failures still recent at `now`.
    fn at(&self, now: Instant) -> f64 {
        let forgotten = now.duration_since(self.last).as_secs_f64() / FORGET_ONE.as_secs_f64();
        (self.score - forgotten).max(0.0)
    }

    /// The failures still recent at `now`, counted whole (a part of one counts as one).
    fn count_at(&self, now: Instant) -> u32 {
        // (A score is at most a few thousand: the delays keep failures slow.)
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let count = self.at(now).ceil().min(f64::from(u32::MAX)) as u32;
        count
    }

    /// Adds a failure at `now`; how many are recent with it (at least 1).
    fn add(&mut self, now: Instant) -> u32 {
        self.score = self.at(now) + 1.0;
        self.last = now;
        self.count_at(now).max(1)
    }
}

/// One address: its recent failures, and when its next attempt may be checked.
#[derive(Debug, Clone, Copy)]
struct Source {
    recent: Recent,
    next_turn: Instant,
}

#[derive(Debug)]
struct Failures {
    sources: HashMap<IpAddr, Source>,
    overall: Recent,
    total: usize,
}

/// Every failed login of the server.
#[derive(Debug)]
pub struct Throttle {
    failures: Mutex<Failures>,
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            failures: Mutex::new(Failures {
                sources: HashMap::new(),
                overall: Recent::new(Instant::now()),
                total: 0,
            }),
        }
    }
}

/// The delay before refusing a failure that is the `source`-th recent one from its address
/// and the `overall`-th recent one of all: [`FIRST_DELAY`] doubled for each further failure
/// from the address, or for each [`OVERALL_STEP`] further failures of all, whichever is
/// longer, at most [`MAX_DELAY`].
pub fn delay(source: u32, overall: u32) -> Duration {
    let doublings = source
        .saturating_sub(1)
        .max(overall.saturating_sub(1) / OVERALL_STEP)
        .min(16);
    FIRST_DELAY.saturating_mul(1 << doublings).min(MAX_DELAY)
}

impl Throttle {
    /// Records a failed login from `source`: how long to wait before refusing it, and how many
    /// logins failed since the server started.
    pub fn fail(&self, source: IpAddr) -> (Duration, usize) {
        self.fail_at(source, Instant::now())
    }

    fn fail_at(&self, source: IpAddr, now: Instant) -> (Duration, usize) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        if failures.sources.len() >= MAX_SOURCES && !failures.sources.contains_key(&source) {
            failures
                .sources
                .retain(|_, source| source.recent.at(now) > 0.0 || source.next_turn > now);
            if failures.sources.len() >= MAX_SOURCES
                && let Some(oldest) = failures
                    .sources
                    .iter()
                    .min_by_key(|(_, source)| source.recent.last)
                    .map(|(ip, _)| *ip)
            {
                failures.sources.remove(&oldest);
            }
        }
        let from_source = failures
            .sources
            .entry(source)
            .or_insert_with(|| Source {
                recent: Recent::new(now),
                next_turn: now,
            })
            .recent
            .add(now);
        let overall = failures.overall.add(now);
        failures.total += 1;
        (delay(from_source, overall), failures.total)
    }

    /// Before an attempt from `source` is checked: how long it waits for its turn, or `None`
    /// when that is more than [`MAX_TURN_WAIT`] away. An address without recent failures has
    /// its turn at once; one with some, each after the one before, spaced by the delay
    /// [`delay`] gives its failures.
    pub fn turn(&self, source: IpAddr) -> Option<Duration> {
        self.turn_at(source, Instant::now())
    }

    fn turn_at(&self, source: IpAddr, now: Instant) -> Option<Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let overall = failures.overall.count_at(now);
        let Some(entry) = failures.sources.get_mut(&source) else {
            return Some(Duration::ZERO);
        };
        let recent = entry.recent.count_at(now);
        if recent == 0 {
            return Some(Duration::ZERO);
        }
        let turn = entry.next_turn.max(now);
        let wait = turn.duration_since(now);
        if wait > MAX_TURN_WAIT {
            return None;
        }
        entry.next_turn = turn + delay(recent, overall);
        Some(wait)
    }

    /// Logins failed since the server started.
    pub fn total(&self) -> usize {
        self.failures
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_doubles_per_failure_from_one_address_up_to_the_ceiling() {
        let ms = |d: Duration| d.as_millis();
        assert_eq!(ms(delay(1, 1)), 250);
        assert_eq!(ms(delay(2, 2)), 500);
        assert_eq!(ms(delay(3, 3)), 1000);
        assert_eq!(ms(delay(5, 5)), 4000);
        assert_eq!(delay(7, 7), MAX_DELAY);
        assert_eq!(delay(u32::MAX, u32::MAX), MAX_DELAY);
        // Many addresses with one failure each: the overall count slows them all.
        assert_eq!(ms(delay(1, 4)), 250);
        assert_eq!(ms(delay(1, 5)), 500);
        assert_eq!(ms(delay(1, 13)), 2000);
        assert_eq!(delay(1, 1000), MAX_DELAY);
    }

    #[test]
    fn failures_count_per_address_and_overall() {
        let throttle = Throttle::default();
        let a: IpAddr = "192.0.2.1".parse().expect("ip");
        let b: IpAddr = "192.0.2.2".parse().expect("ip");
        let first = throttle.fail(a);
        assert_eq!(first, (FIRST_DELAY, 1));
        assert_eq!(throttle.fail(a).0, FIRST_DELAY * 2);
        assert_eq!(throttle.fail(a).0, FIRST_DELAY * 4);
        // Another address starts low again (three failures of all are still few).
        assert_eq!(throttle.fail(b), (FIRST_DELAY, 4));
        for _ in 0..40 {
            throttle.fail(b);
        }
        // So many failures overall slow a fresh address too.
        let c: IpAddr = "192.0.2.3".parse().expect("ip");
        assert_eq!(throttle.fail(c).0, MAX_DELAY);
        assert_eq!(throttle.total(), 45);
    }

    #[test]
    fn attempts_from_an_address_that_failed_wait_their_turn_one_after_another() {
        let throttle = Throttle::default();
        let a: IpAddr = "192.0.2.1".parse().expect("ip");
        let fresh: IpAddr = "192.0.2.9".parse().expect("ip");
        let now = Instant::now();
        assert_eq!(throttle.turn_at(a, now), Some(Duration::ZERO));
        for _ in 0..3 {
            throttle.fail_at(a, now);
        }
        // Many attempts at once (many connections, or a client that does not wait for the
        // answer): each is checked a delay (1 s after three failures) after the one before...
        let waits: Vec<Option<Duration>> = (0..30).map(|_| throttle.turn_at(a, now)).collect();
        assert_eq!(waits[0], Some(Duration::ZERO));
        assert_eq!(waits[1], Some(FIRST_DELAY * 4));
        assert_eq!(waits[2], Some(FIRST_DELAY * 8));
        assert_eq!(waits[20], Some(MAX_TURN_WAIT));
        // ...and those too far off are not checked at all.
        assert!(waits.contains(&None), "{waits:?}");
        // Other addresses are not held up.
        assert_eq!(throttle.turn_at(fresh, now), Some(Duration::ZERO));
    }

    #[test]
    fn failures_are_forgotten_with_time() {
        let now = Instant::now();
        let mut recent = Recent::new(now);
        assert_eq!(recent.add(now), 1);
        assert_eq!(recent.add(now), 2);
        assert_eq!(recent.add(now + FORGET_ONE * 10), 1);
    }
}
