# Test executables compile without optimization, except in cross builds.
#
# What the tests exercise (the runtime and its kernels, the compiler, the
# importers) is in the libraries, built with the build type's optimization
# (or the sanitizer build's -O1); the test code around it is gtest's macros,
# fixtures and loops over results. At -O2 that code took most of the native
# build: one unity batch of ingot_unit_tests compiled in 102 s at -O2 against
# 19 s at -O0 (60 s at -O1), a batch of ingot_runtime_tests in 28 s against
# 15 s, for test runs about 1.5x longer (ingot_runtime_tests 12 -> 19 s).
# Under qemu (cross builds) the test code is emulated, so there it stays
# optimized.
function(ingot_test_target target)
  if(NOT CMAKE_CROSSCOMPILING)
    target_compile_options(${target} PRIVATE -O0)
  endif()
endfunction()
