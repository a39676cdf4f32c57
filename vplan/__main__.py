from vplan._start import main

main()
