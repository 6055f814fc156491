// SPDX-License-Identifier: BSD-3-Clause
#pragma once
// One stream out of a compound file (OLE2 / [MS-CFB], the container of legacy .xls files),
// read from bytes already in memory with every offset, chain and size checked against the
// file: a damaged or hostile file is an InputError, never a read outside it or a loop.
// Written here because FreeXL crashed on damaged files and could not read BIFF5, and the one
// other Debian reader (libolecf) opens files only by path (a second open of the input).
#include <optional>
#include <string>
#include <string_view>

namespace glassfit {

// The bytes of the stream `name` (compared without case, as [MS-CFB] 2.6.4 says) among the
// root storage's children, or nullopt when there is none. InputError "PATH: ..." for a file
// whose header, sector chains or directory do not hold together.
std::optional<std::string> cfb_root_stream(std::string_view file, std::string_view name, const std::string& path);

}  // namespace glassfit
