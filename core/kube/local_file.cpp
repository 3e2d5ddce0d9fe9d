#include "kube/local_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kube/kubeconfig.h"

namespace scaledeck::kube {

namespace fs = std::filesystem;

base::Result<std::string> readLocalFile(const std::string& path) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        return base::Error::invalid(Kubeconfig::displayPath(path) + " is a directory, not a file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        const int err = errno;
        base::Error e = base::Error::invalid(Kubeconfig::displayPath(path) +
                                             ": cannot read: " + std::strerror(err));
        if (err == ENOENT)
            e.kind = base::ErrorKind::NotFound;
        return e;
    }
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

std::string resolveAgainst(const std::string& origin, const std::string& path) {
    const fs::path p(path);
    if (p.is_absolute())
        return path;
    return (fs::path(origin).parent_path() / p).lexically_normal().string();
}

std::string absolutePath(const std::string& path) {
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(path), ec);
    if (ec)
        p = fs::path(path);
    return p.lexically_normal().string();
}

}  // namespace scaledeck::kube
