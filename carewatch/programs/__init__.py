"""Client programs: influencer roster and FTC disclosure checks, UGC rights, giveaways."""
