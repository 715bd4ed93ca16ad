from showroom.cli import main

raise SystemExit(main())
