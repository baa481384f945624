//! Where a scenario's text comes from, for callers that load it more than once (a sweep's
//! points, a merge's parts): a file, a text in memory, or texts read before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{Loaded, Model, Warnings};
use crate::format::Diagnostics;

/// Where the scenario comes from.
#[derive(Clone, Copy, Debug)]
pub enum Input<'a> {
    File(&'a Path),
    /// A text in memory (tests), under a name.
    Text {
        name: &'a str,
        text: &'a str,
    },
    /// Texts read before (a merge's, from the parts), by path as named: `path` is the scenario.
    Preloaded {
        path: &'a Path,
        files: &'a BTreeMap<PathBuf, Vec<u8>>,
    },
}

impl Input<'_> {
    /// The scenario with `overrides` and its warnings, told for a reader.
    pub fn load(&self, overrides: &[String]) -> Result<Loaded, Diagnostics> {
        self.load_for(overrides, Warnings::Shown)
    }

    /// The model alone, for a caller that shows no warnings (a sweep's points): they are not
    /// sorted out, which may load the base alone or compile the file again.
    pub fn load_model(&self, overrides: &[String]) -> Result<Model, Diagnostics> {
        Ok(self.load_for(overrides, Warnings::Unread)?.model)
    }

    fn load_for(&self, overrides: &[String], warnings: Warnings) -> Result<Loaded, Diagnostics> {
        let all = overrides.len();
        match *self {
            Input::File(path) => super::load_from(path, None, None, overrides, all, warnings),
            Input::Text { name, text } => {
                super::load_from(Path::new(name), Some(text), None, overrides, all, warnings)
            }
            Input::Preloaded { path, files } => {
                super::load_from(path, None, Some(files.clone()), overrides, all, warnings)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A variant whose `[set]` leaves a base's parameter unread: the model is the same whether
    /// its warnings are sorted out or not, and only a shown load tells them as the variant's.
    #[test]
    fn unread_warnings_leave_the_model_alone() {
        let dir = std::env::temp_dir().join(format!("brink-input-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("base.toml"),
            "[scenario]\nname = \"b\"\nhorizon = 5\n[params]\nrate = 0.2\n\
             [[actors]]\nid = \"a\"\nname = \"A\"\n[[events]]\nid = \"e\"\nactor = \"a\"\n\
             probability = \"rate\"\nset = [\"war\"]\n[flags]\nwar = false\n\
             [[outcomes]]\nid = \"w\"\nwhen = \"war\"\n[[outcomes]]\nid = \"rest\"\n",
        )
        .unwrap();
        let variant = dir.join("v.toml");
        std::fs::write(
            &variant,
            "extends = \"base.toml\"\n[set]\n\"events.e.probability\" = 0.3\n",
        )
        .unwrap();
        let shown = Input::File(&variant).load(&[]).unwrap();
        let model = Input::File(&variant).load_model(&[]).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(format!("{model:?}"), format!("{:?}", shown.model));
        let told = shown.warnings.render(false);
        assert!(told.contains("alone does not get it"), "{told}");
    }
}
