// Local files named by a kubeconfig: reading one whole (with a message a person can act on when
// that fails) and resolving a path the way kubectl does, against the folder of the kubeconfig
// file that names it rather than the process's working directory. Internal to core/kube; the
// messages name the file with the home directory shown as "~" and never include its contents.
#pragma once

#include <string>

#include "base/result.h"

namespace scaledeck::kube {

// The whole file. NotFound when it does not exist, Invalid for a directory or an unreadable
// file; the message starts with the path.
base::Result<std::string> readLocalFile(const std::string& path);

// `path` as written in the kubeconfig `origin`: absolute paths stay, relative ones are joined to
// the folder that holds `origin`.
std::string resolveAgainst(const std::string& origin, const std::string& path);

// An absolute, lexically normal form of `path` (no symlinks followed), used as a stable key.
std::string absolutePath(const std::string& path);

}  // namespace scaledeck::kube
