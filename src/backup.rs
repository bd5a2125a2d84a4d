//! Backups: each save keeps the version it replaces in a bounded ring (newest [`RING_SIZE`])
//! in the data directory, under `backups/NAME-HASH/`; [`restore`] brings one back, keeping the
//! version it replaces too, so a restore is undone by restoring again.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::dirs;
use crate::workspace::{WriteOptions, write_derived, write_file};

/// How many previous versions are kept per workspace file.
pub const RING_SIZE: usize = 10;

/// One kept version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// When the version was replaced.
    pub taken: SystemTime,
    pub size: u64,
}

/// The backup directory of `workspace` under `data_dir`.
pub fn dir_for(data_dir: &Path, workspace: &Path) -> PathBuf {
    data_dir.join("backups").join(dirs::file_key(workspace))
}

/// Keeps `previous` (the content a save is about to replace) and drops the oldest beyond
/// [`RING_SIZE`].
pub fn keep(data_dir: &Path, workspace: &Path, previous: &[u8]) -> io::Result<PathBuf> {
    let dir = dirs::private_subdir(&data_dir.join("backups"), &dirs::file_key(workspace))?;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut path = dir.join(format!("{nanos:024}.toml"));
    let mut n = 0;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{nanos:024}-{n}.toml"));
    }
    write_derived(&path, previous, WriteOptions::default(), workspace)?;
    let _ = std::fs::write(
        dir.join("origin"),
        dirs::canonical(workspace).to_string_lossy().as_bytes(),
    );
    for old in list(data_dir, workspace).into_iter().skip(RING_SIZE) {
        let _ = std::fs::remove_file(old.path);
    }
    Ok(path)
}

/// The kept versions of `workspace`, newest first.
pub fn list(data_dir: &Path, workspace: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(dir_for(data_dir, workspace)) else {
        return Vec::new();
    };
    let mut backups: Vec<(String, Backup)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_suffix(".toml")?;
            let nanos: u128 = stamp.split('-').next()?.parse().ok()?;
            let meta = e.metadata().ok()?;
            let taken = UNIX_EPOCH
                + std::time::Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX));
            Some((
                name,
                Backup {
                    path: e.path(),
                    taken,
                    size: meta.len(),
                },
            ))
        })
        .collect();
    // Names sort by time (fixed-width nanoseconds), then by the counter of a same-instant save.
    backups.sort_by(|a, b| (b.1.taken, b.0.len(), &b.0).cmp(&(a.1.taken, a.0.len(), &a.0)));
    backups.into_iter().map(|(_, b)| b).collect()
}

/// Why a restore did not happen.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("there is no backup {0} (see `whoowns restore FILE --list`)")]
    NoSuchBackup(usize),
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Puts backup `n` (1 = newest) of `workspace` back in place, after keeping the current file as
/// the newest backup. Returns the backup restored.
pub fn restore(data_dir: &Path, workspace: &Path, n: usize) -> Result<Backup, RestoreError> {
    let backups = list(data_dir, workspace);
    let backup = n
        .checked_sub(1)
        .and_then(|i| backups.get(i))
        .cloned()
        .ok_or(RestoreError::NoSuchBackup(n))?;
    let content = std::fs::read(&backup.path)?;
    match std::fs::read(workspace) {
        Ok(current) => {
            keep(data_dir, workspace, &current)?;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(e.into()),
    }
    write_file(workspace, &content, WriteOptions::default()).map_err(io::Error::from)?;
    Ok(backup)
}

/// `YYYY-MM-DD HH:MM:SS UTC` for a time.
pub fn format_time(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let rest = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ring_keeps_the_newest_ten_and_a_restore_is_undone_by_another() {
        let data = tempfile::tempdir().expect("tempdir");
        let work = tempfile::tempdir().expect("tempdir");
        let ws = work.path().join("w.toml");
        for i in 0..13 {
            keep(data.path(), &ws, format!("version {i}").as_bytes()).expect("keeps");
        }
        let kept = list(data.path(), &ws);
        assert_eq!(kept.len(), RING_SIZE);
        let newest = std::fs::read_to_string(&kept[0].path).expect("read");
        assert_eq!(newest, "version 12");
        let oldest = std::fs::read_to_string(&kept[9].path).expect("read");
        assert_eq!(oldest, "version 3");
        std::fs::write(&ws, "current").expect("write");
        restore(data.path(), &ws, 2).expect("restores");
        assert_eq!(std::fs::read_to_string(&ws).expect("read"), "version 11");
        restore(data.path(), &ws, 1).expect("restores");
        assert_eq!(std::fs::read_to_string(&ws).expect("read"), "current");
        assert!(matches!(
            restore(data.path(), &ws, 11),
            Err(RestoreError::NoSuchBackup(11))
        ));
    }

    #[test]
    fn times_read_as_calendar_dates() {
        let t = UNIX_EPOCH + std::time::Duration::from_secs(1_795_590_000);
        assert_eq!(format_time(t), "2026-11-25 07:00:00 UTC");
        assert_eq!(format_time(UNIX_EPOCH), "1970-01-01 00:00:00 UTC");
    }
}
