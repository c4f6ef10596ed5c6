//! Files that sync tools (Syncthing, Dropbox, Nextcloud, iCloud Drive) leave in a synced data
//! directory: recognised by name, never read as check-ins, never deleted, and named with
//! what to do.

/// What to say about a sync tool's file, or `None` for any other name.
pub(super) fn sync_file(name: &str) -> Option<&'static str> {
    if name.starts_with(".syncthing.") && name.ends_with(".tmp") {
        return Some("a file Syncthing is still copying; left alone, and read once it arrives");
    }
    if name.contains(".sync-conflict-") {
        return Some("a conflict copy made by Syncthing: compare it with the check-in of the same date, keep the one you want, and delete the other yourself; until then it is not read");
    }
    if name.contains(" (conflicted copy ")
        || name.contains("_conflict-")
        || name.contains(" (conflict ")
    {
        return Some("a conflict copy made by a sync tool (Dropbox or Nextcloud): compare it with the check-in of the same date, keep the one you want, and delete the other yourself; until then it is not read");
    }
    if name.starts_with('.') && name.ends_with(".icloud") {
        return Some("a check-in iCloud Drive has not downloaded to this computer yet: open the folder in Finder (or run `brctl download` on it) so it is read");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::sync_file;

    #[test]
    fn names() {
        for name in [
            ".syncthing.2026-11-02_120000-abcd.json.tmp",
            "2026-11-02_120000-abcd.sync-conflict-20261103-101010-ABCDEFG.json",
            "2026-11-02_120000-abcd (conflicted copy 2026-11-03).json",
            "2026-11-02_120000-abcd (conflict 2026-11-03).json",
            ".2026-11-02_120000-abcd.json.icloud",
        ] {
            assert!(sync_file(name).is_some(), "{name}");
        }
        assert!(sync_file("2026-11-02_120000-abcd.json").is_none());
        assert!(sync_file(".notes.tmp").is_none());
    }
}
