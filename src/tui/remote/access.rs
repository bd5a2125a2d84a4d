//! Who may join: the server's host key (made once, kept in the data directory), the session's
//! passcode and the allowed public keys.

use std::io;
use std::path::{Path, PathBuf};

use rand::RngExt;
use russh::keys::ssh_key::{AuthorizedKeys, LineEnding, PublicKey};
use russh::keys::{Algorithm, HashAlg, PrivateKey};

/// The file name of the host key in the data directory.
pub const HOST_KEY_FILE: &str = "serve_host_ed25519_key";

/// Why `whoowns serve` cannot start.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    #[error("cannot keep the host key in {path}: {source}")]
    HostKeyIo { path: PathBuf, source: io::Error },
    #[error("the host key {path} is not an OpenSSH private key: {reason}")]
    HostKeyBad { path: PathBuf, reason: String },
    #[error("cannot read the allowed keys {path}: {source}")]
    AllowedIo { path: PathBuf, source: io::Error },
    #[error("{path}:{line}: not a public key in authorized_keys format: {reason}")]
    AllowedBad {
        path: PathBuf,
        line: usize,
        reason: String,
    },
    #[error("the allowed keys {path} hold no key")]
    AllowedEmpty { path: PathBuf },
}

/// The host key in `dir`, made (Ed25519, owner-only) the first time.
pub fn host_key(dir: &Path) -> Result<PrivateKey, AccessError> {
    let path = dir.join(HOST_KEY_FILE);
    let io_error = |source| AccessError::HostKeyIo {
        path: path.clone(),
        source,
    };
    match std::fs::read_to_string(&path) {
        Ok(text) => PrivateKey::from_openssh(text).map_err(|e| AccessError::HostKeyBad {
            path: path.clone(),
            reason: e.to_string(),
        }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).map_err(io_error)?;
            let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).map_err(|e| {
                AccessError::HostKeyBad {
                    path: path.clone(),
                    reason: e.to_string(),
                }
            })?;
            let text = key
                .to_openssh(LineEnding::LF)
                .map_err(|e| AccessError::HostKeyBad {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
            write_private(&path, text.as_bytes()).map_err(io_error)?;
            Ok(key)
        }
        Err(e) => Err(io_error(e)),
    }
}

/// Writes `bytes` to a new file only its owner can read.
fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// The key's SHA-256 fingerprint as OpenSSH shows it (`SHA256:...`).
pub fn fingerprint(key: &PrivateKey) -> String {
    key.public_key().fingerprint(HashAlg::Sha256).to_string()
}

/// A random passcode of eight lower-case letters and digits (no look-alikes).
pub fn random_passcode() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    (0..8)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// Whether two passcodes are equal, taking the same time wherever they differ.
pub fn same_passcode(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    let mut differ = a.len() ^ b.len();
    for (i, &byte) in b.iter().enumerate() {
        differ |= usize::from(byte ^ a.get(i).copied().unwrap_or(0));
    }
    differ == 0
}

/// The public keys of an OpenSSH `authorized_keys` file (options before a key are allowed and
/// ignored; every line that is not a key is reported with its number).
pub fn allowed_keys(path: &Path) -> Result<Vec<PublicKey>, AccessError> {
    let text = std::fs::read_to_string(path).map_err(|source| AccessError::AllowedIo {
        path: path.to_path_buf(),
        source,
    })?;
    let mut keys = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = |reason: String| AccessError::AllowedBad {
            path: path.to_path_buf(),
            line: number + 1,
            reason,
        };
        match AuthorizedKeys::new(line).next() {
            Some(Ok(entry)) => keys.push(entry.public_key().clone()),
            // Options before the key (`no-pty ssh-ed25519 AAAA...`): the key starts at its
            // algorithm's name.
            Some(Err(e)) => match key_after_options(line) {
                Some(key) => keys.push(key),
                None => return Err(bad(e.to_string())),
            },
            None => return Err(bad("no key".to_owned())),
        }
    }
    if keys.is_empty() {
        return Err(AccessError::AllowedEmpty {
            path: path.to_path_buf(),
        });
    }
    Ok(keys)
}

/// The key of an `authorized_keys` line whose options the parser did not take.
fn key_after_options(line: &str) -> Option<PublicKey> {
    let start = line.match_indices(' ').map(|(i, _)| i + 1).find(|&i| {
        ["ssh-", "ecdsa-", "sk-"]
            .iter()
            .any(|p| line[i..].starts_with(p))
    })?;
    PublicKey::from_openssh(&line[start..]).ok()
}

/// How participants prove they may join.
#[derive(Debug, Clone, Default)]
pub struct Access {
    /// The session's passcode (password or keyboard-interactive), if passcodes are on.
    pub passcode: Option<String>,
    /// Keys that may join without a passcode.
    pub keys: Vec<PublicKey>,
}

impl Access {
    /// Whether `key` is one of the allowed keys.
    pub fn allows_key(&self, key: &PublicKey) -> bool {
        self.keys.iter().any(|k| k.key_data() == key.key_data())
    }

    /// Whether `given` is the passcode.
    pub fn allows_passcode(&self, given: &str) -> bool {
        self.passcode
            .as_deref()
            .is_some_and(|p| same_passcode(given, p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passcodes_compare_exactly() {
        assert!(same_passcode("abc", "abc"));
        assert!(!same_passcode("abd", "abc"));
        assert!(!same_passcode("ab", "abc"));
        assert!(!same_passcode("abcd", "abc"));
        assert!(!same_passcode("", "abc"));
    }

    #[test]
    fn random_passcodes_differ_and_are_eight_characters() {
        let (a, b) = (random_passcode(), random_passcode());
        assert_eq!(a.chars().count(), 8);
        assert_ne!(a, b);
    }

    #[test]
    fn the_host_key_is_made_once_and_kept() {
        let dir = tempfile::tempdir().expect("dir");
        let first = host_key(dir.path()).expect("made");
        let again = host_key(dir.path()).expect("read");
        assert_eq!(fingerprint(&first), fingerprint(&again));
        assert!(fingerprint(&first).starts_with("SHA256:"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(HOST_KEY_FILE))
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn allowed_keys_report_the_bad_line() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("keys");
        let key = PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519).expect("key");
        let line = key.public_key().to_openssh().expect("openssh");
        std::fs::write(&path, format!("# team\n{line}\nno-pty {line}\n")).expect("write");
        let keys = allowed_keys(&path).expect("read");
        assert_eq!(keys.len(), 2);
        let access = Access {
            passcode: None,
            keys,
        };
        assert!(access.allows_key(key.public_key()));
        std::fs::write(&path, format!("{line}\nnot a key\n")).expect("write");
        let error = allowed_keys(&path).expect_err("bad line").to_string();
        assert!(error.contains(":2:"), "{error}");
    }
}
