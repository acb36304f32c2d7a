// Writes a directory of files so that a reader sees either the complete old
// directory or the complete new one, never a mix: the files go to a
// temporary sibling directory that is then swapped into place.
#pragma once

#include <map>
#include <string>

#include "ir/status.h"

namespace ingot {

// `files`: name -> content; a name may hold folders ("runtime/src/x.cc").
Status write_bundle(const std::string& dir, const std::map<std::string, std::string>& files);

// Writes one file through a temporary sibling and a rename.
Status write_file_atomically(const std::string& path, const std::string& content);

}  // namespace ingot
