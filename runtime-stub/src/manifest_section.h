// INGOT_MANIFEST_SECTION: puts the runtime's manifest (runtime_manifest())
// in the binary's section ".ingot_manifest", kept by --gc-sections and by
// strip, where `ingot check PROGRAM --runtime BINARY` reads it.
#pragma once

#if defined(__ELF__) && (defined(__GNUC__) || defined(__clang__))
#define INGOT_MANIFEST_SECTION __attribute__((section(".ingot_manifest"), used, retain))
#else
#define INGOT_MANIFEST_SECTION
#endif
