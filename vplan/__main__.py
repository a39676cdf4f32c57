from vplan.cli import main

main()
