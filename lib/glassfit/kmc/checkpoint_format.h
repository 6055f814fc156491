#pragma once
// The envelope of a kMC checkpoint: a magic line, a format version, the payload's length and
// its SHA-256, then the payload (the engine's state). A flipped byte, a truncated file or a
// file of another version is refused on resume with a one-line reason, before any of the
// payload is trusted.
#include <cstdint>
#include <string>
#include <string_view>

namespace glassfit::kmc {

inline constexpr std::uint32_t kCheckpointVersion = 2;

// The payload wrapped in the envelope.
std::string seal_checkpoint(std::string_view payload);
// The payload of a sealed checkpoint, or an InputError "NAME: ..." saying what is wrong.
std::string_view open_checkpoint(std::string_view file, const std::string& name);

}  // namespace glassfit::kmc
