# The optimized kernels' sources and flags, for the runtime's own build
# (CMakeLists.txt) and for the runtime projects that ingot writes
# (project/CMakeLists.txt, emitters/cpp): kernels/<arch>/<isa>/*.cc, each ISA
# folder built with its ISA's flags.
set(INGOT_ISA_FLAGS_avx2 -mavx2 -mfma)
set(INGOT_ISA_FLAGS_avx512 -mavx512f -mavx512bw -mavx512dq -mavx512vl -mfma)
# GCC 12's own AVX-512 intrinsics (_mm512_undefined_ps: `__m512 __Y = __Y;`)
# raise thousands of false "may be used uninitialized" warnings once inlined
# (GCC bug 105593, fixed in GCC 13): they would bury every real warning of
# the build, so those two are off for the AVX-512 sources of an older GCC.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  list(APPEND INGOT_ISA_FLAGS_avx512 -Wno-uninitialized -Wno-maybe-uninitialized)
endif()
set(INGOT_ISA_FLAGS_neon "")
set(INGOT_ISA_FLAGS_dotprod -march=armv8.2-a+dotprod)

# ingot_optimized_kernels(ROOT ARCH_VAR SOURCES_VAR [STRICT]): the kernel
# sources under ROOT for the processor being built for, and its arch
# ("x86", "arm" or "" when it has none). STRICT (a runtime project): kernels
# of another architecture are an error, not skipped.
function(ingot_optimized_kernels root arch_var sources_var)
  set(arch "")
  if(CMAKE_SYSTEM_PROCESSOR MATCHES "x86_64|AMD64")
    set(arch x86)
    set(isas avx2 avx512)
  elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "aarch64|arm64")
    set(arch arm)
    set(isas neon dotprod)
  endif()
  set(sources "")
  foreach(isa avx2 avx512 neon dotprod)
    if(isa MATCHES "avx")
      set(isa_arch x86)
    else()
      set(isa_arch arm)
    endif()
    file(GLOB isa_sources CONFIGURE_DEPENDS ${root}/kernels/${isa_arch}/${isa}/*.cc)
    if(NOT isa_sources)
      continue()
    endif()
    if(NOT isa_arch STREQUAL arch)
      if(ARGN STREQUAL "STRICT")
        message(FATAL_ERROR "this runtime's kernels are for ${isa_arch} (${isa}), but the compiler builds for "
                            "${CMAKE_SYSTEM_PROCESSOR}; for aarch64, configure with "
                            "-DCMAKE_TOOLCHAIN_FILE=aarch64-linux-gnu.toolchain.cmake")
      endif()
      continue()
    endif()
    set_source_files_properties(${isa_sources} PROPERTIES COMPILE_OPTIONS "${INGOT_ISA_FLAGS_${isa}}")
    list(APPEND sources ${isa_sources})
  endforeach()
  set(${arch_var} ${arch} PARENT_SCOPE)
  set(${sources_var} ${sources} PARENT_SCOPE)
endfunction()
