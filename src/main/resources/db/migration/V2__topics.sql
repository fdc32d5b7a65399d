-- Topics are reference data: clubs must name one, and there is no endpoint to create them.
INSERT INTO topics (id, name, description) VALUES
    ('01900000-0000-7000-8000-000000000001', 'Technology', 'Software, hardware and the people who build them'),
    ('01900000-0000-7000-8000-000000000002', 'Music', 'Listening sessions, production and the music business'),
    ('01900000-0000-7000-8000-000000000003', 'Sports', 'Matches, training and the talk around them'),
    ('01900000-0000-7000-8000-000000000004', 'Books', 'Reading clubs, authors and writing'),
    ('01900000-0000-7000-8000-000000000005', 'Wellness', 'Health, sleep, fitness and mindfulness'),
    ('01900000-0000-7000-8000-000000000006', 'Business', 'Startups, careers, markets and money'),
    ('01900000-0000-7000-8000-000000000007', 'Science', 'Research, discoveries and how things work'),
    ('01900000-0000-7000-8000-000000000008', 'Arts', 'Film, design, theatre and visual arts'),
    ('01900000-0000-7000-8000-000000000009', 'Languages', 'Practice rooms and language exchange'),
    ('01900000-0000-7000-8000-00000000000a', 'Games', 'Video games, board games and game design');
