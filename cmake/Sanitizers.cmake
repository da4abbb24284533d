# ASan + UBSan as a cache option (MERIDIAN_SANITIZE=ON), applied to every target.
if(MERIDIAN_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
