# One source of truth for compiler warnings: every Meridian target links this.
#  -Wno-missing-field-initializers: options structs are filled with designated initializers
#   ({.limit = 5}) on purpose; omitted members take their defaults.
#  -Wno-restrict: g++ 12 reports false positives inside std::string at -O3 (GCC bug 105329).
add_library(meridian_warnings INTERFACE)
target_compile_options(meridian_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Wunused -Woverloaded-virtual -Wimplicit-fallthrough
  -Wno-missing-field-initializers $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
